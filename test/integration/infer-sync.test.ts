import {spawn} from 'node:child_process';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {infer} from '../../src/api/infer.js';
import type {ConnectionOptions, InferenceEvent, InferenceResult, TextInferenceTask} from '../../src/api/types.js';
import {ApiError} from '../../src/errors.js';
import {collectEvents, inferTask, testConnection} from '../support/infer-fixtures.js';
import {startSimulator, type Simulator} from '../support/simulator.js';

let sim: Simulator;
let traces: string[];

beforeAll(async () => {
  sim = await startSimulator({});
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  traces = [];
});

const task = (extra: Partial<TextInferenceTask> = {}): TextInferenceTask => inferTask({messages: [{role: 'user', content: 'Hello, café 🙂'}]}, extra);

const conn = (extra: Partial<ConnectionOptions> = {}): ConnectionOptions => testConnection(sim, {trace: (line) => traces.push(line), ...extra});

async function collect(events: AsyncIterable<InferenceEvent>): Promise<InferenceEvent[]> {
  const out: InferenceEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

function results(events: InferenceEvent[]): InferenceResult[] {
  const done = events.at(-1);
  if (done?.type !== 'done') throw new Error('no done event');
  return done.results;
}

describe('infer, sync delivery', () => {
  it('answers with reasoning, text and done, and sends the seed exactly', async () => {
    const sent = task({seed: '9223372036854775807', settings: {maxTokens: 5}});
    const events = await collect(infer(sent, conn()));
    expect(events.map((event) => event.type)).toEqual(['reasoning', 'text', 'done']);
    const [result] = results(events);
    expect(result).toMatchObject({taskUUID: sent.taskUUID, index: 0, finishReason: 'length', seed: '9223372036854775807'});
    expect(events[1]).toEqual({type: 'text', text: result?.text, index: 0});
    expect(result?.text.split(' ')).toHaveLength(5);
    expect(result?.reasoning.length).toBeGreaterThan(0);
    const request = sim.requests[0];
    expect(request?.rawBody).toContain('"seed":9223372036854775807');
    expect(request?.headers.authorization).toBe(`Bearer ${sim.apiKey}`);
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('returns numberResults results matched by taskUUID, each with its exact seed', async () => {
    const events = await collect(infer(task({numberResults: 3, seed: '9223372036854775806'}), conn()));
    const all = results(events);
    expect(all.map((result) => result.index)).toEqual([0, 1, 2]);
    expect(all.map((result) => result.seed)).toEqual(['9223372036854775806', '9223372036854775807', '0']);
    expect(all.map((result) => /\(variant (\d)\)/.exec(result.text)?.[1])).toEqual(['1', '2', '3']);
    expect(events.filter((event) => event.type === 'text').map((event) => event.index)).toEqual([0, 1, 2]);
  });

  it('reports usage and cost when asked', async () => {
    const [result] = results(await collect(infer(task({includeUsage: true, includeCost: true}), conn())));
    expect(result?.usage?.totalTokens).toBeGreaterThan(0);
    expect(result?.usage?.completionTokens).toBeGreaterThan(0);
    expect(typeof result?.cost).toBe('number');
    const [plain] = results(await collect(infer(task(), conn())));
    expect(plain?.usage).toBeUndefined();
    expect(plain?.cost).toBeUndefined();
  });

  it('fails the task when one of its results failed, before yielding anything of the others', async () => {
    for (const failIn of ['errors', 'data'] as const) {
      sim.script({failResults: [1], failIn, failCode: 'inferenceError', failMessage: 'Result 2 failed.'});
      const {events, error} = await collectEvents(infer(task({numberResults: 2}), conn()));
      expect(error, failIn).toBeInstanceOf(ApiError);
      expect((error as ApiError).message).toBe('Result 2 failed. (inferenceError)');
      expect(events, failIn).toEqual([]);
    }
    expect(sim.tasks()).toHaveLength(2);
  });

  it('routes a thought-channel block in the text to reasoning, after reasoningContent', async () => {
    sim.script({thought: 'Think first.', answer: 'Then answer.', reasoning: 'Native. '});
    const events = await collect(infer(task(), conn()));
    expect(events.slice(0, 2)).toEqual([
      {type: 'reasoning', text: 'Native. Think first.', index: 0},
      {type: 'text', text: 'Then answer.', index: 0},
    ]);
  });

  it('sends the User-Agent it is given', async () => {
    await collect(infer(task(), conn({userAgent: 'gemma/1.2.3 (node 20.20.2; linux x64)'})));
    expect(sim.requests[0]?.headers['user-agent']).toBe('gemma/1.2.3 (node 20.20.2; linux x64)');
  });

  it('traces one line per request and per response, never the key', async () => {
    await collect(infer(task(), conn()));
    expect(traces[0]).toBe(`POST ${sim.url} textInference sync 1 task(s)`);
    expect(traces[1]).toMatch(/^200 in \d+ ms$/);
    expect(traces.join('\n')).not.toContain(sim.apiKey);
  });

  it('lets a script exit promptly after the answer (keep-alive never holds the process)', async () => {
    const script = `
      const {infer} = await import(${JSON.stringify(new URL('../../src/api/infer.ts', import.meta.url).href)});
      const task = {taskType: 'textInference', taskUUID: crypto.randomUUID(), model: 'google:gemma@4-31b', messages: [{role: 'user', content: 'hi'}], deliveryMethod: 'stream'};
      for await (const event of infer(task, {baseUrl: ${JSON.stringify(sim.url)}, apiKey: ${JSON.stringify(sim.apiKey)}, timeoutMs: 60000})) if (event.type === 'done') console.log('done');
      globalThis.answeredAt = Date.now();
      process.on('exit', () => console.log('exit ' + (Date.now() - globalThis.answeredAt)));
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {stdio: ['ignore', 'pipe', 'inherit']});
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(output).toContain('done');
    expect(Number(/exit (\d+)/.exec(output)?.[1])).toBeLessThan(1000);
  });
});
