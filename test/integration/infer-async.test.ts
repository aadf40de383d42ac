import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {ApiError, NetworkError} from '../../src/errors.js';
import {infer} from '../../src/api/infer.js';
import type {ConnectionOptions, InferenceEvent, InferenceResult, TextInferenceTask} from '../../src/api/types.js';
import {collectEvents, inferTask, testConnection} from '../support/infer-fixtures.js';
import {startSimulator} from '../support/simulator.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator({pollsUntilDone: 2});

const task = (extra: Partial<TextInferenceTask> = {}): TextInferenceTask => inferTask({messages: [{role: 'user', content: 'Take your time'}], deliveryMethod: 'async'}, extra);

const conn = (extra: Partial<ConnectionOptions> = {}): ConnectionOptions => testConnection(sim, extra);

const run = collectEvents;

function results(events: InferenceEvent[]): InferenceResult[] {
  const last = events.at(-1);
  return last?.type === 'done' ? last.results : [];
}

describe('infer, async delivery', () => {
  it('submits, polls while processing (pending events), then yields the results', async () => {
    const sent = task({seed: '9223372036854775807', includeUsage: true, includeCost: true});
    const {events, error} = await run(infer(sent, conn()));
    expect(error).toBeUndefined();
    expect(events.map((event) => event.type)).toEqual(['pending', 'pending', 'reasoning', 'text', 'done']);
    expect(events[1]).toMatchObject({type: 'pending', polls: 2});
    const [result] = results(events);
    expect(result).toMatchObject({taskUUID: sent.taskUUID, finishReason: 'stop', seed: '9223372036854775807'});
    expect(result?.usage?.totalTokens).toBeGreaterThan(0);
    expect(typeof result?.cost).toBe('number');
    expect(sim.requests.map((request) => request.rawBody.slice(0, 40))).toHaveLength(4);
    expect(sim.requests[0]?.rawBody).toContain('"seed":9223372036854775807');
    for (const request of sim.requests.slice(1)) {
      expect(request.body).toEqual([{taskType: 'getResponse', taskUUID: sent.taskUUID}]);
    }
  });

  it('collects numberResults 3 from the poll answer', async () => {
    const {events} = await run(infer(task({numberResults: 3}), conn()));
    expect(results(events).map((result) => result.index)).toEqual([0, 1, 2]);
    expect(events.filter((event) => event.type === 'text').map((event) => event.index)).toEqual([0, 1, 2]);
  });

  it('retries a failed poll with the same taskUUID, and a failed submit with a fresh one', async () => {
    sim.script({status: 502}, {}, {status: 500});
    const sent = task();
    const {events, error} = await run(infer(sent, conn()));
    expect(error).toBeUndefined();
    expect(events.filter((event) => event.type === 'retry')).toHaveLength(2);
    const submitted = sim.tasks().filter((t) => t.taskType === 'textInference');
    expect(submitted).toHaveLength(2);
    expect(submitted[0]?.taskUUID).toBe(sent.taskUUID);
    expect(submitted[1]?.taskUUID).not.toBe(sent.taskUUID);
    const polled = new Set(sim.tasks().filter((t) => t.taskType === 'getResponse').map((t) => t.taskUUID));
    expect([...polled]).toEqual([submitted[1]?.taskUUID]);
    expect(results(events)[0]?.taskUUID).toBe(submitted[1]?.taskUUID);
  });

  it('throws the ApiError of a failed task (status "error" in errors)', async () => {
    sim.script({}, {status: 400, code: 'inferenceFailed', message: 'The model could not answer.'});
    const {error} = await run(infer(task(), conn()));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('The model could not answer. (inferenceFailed)');
  });

  it('gives up after limitMs, saying the task may still finish on the server', async () => {
    const patient = await startSimulator({pollsUntilDone: 1000});
    try {
      const started = Date.now();
      const {events, error} = await run(
        infer(task(), {...conn(), baseUrl: patient.url, apiKey: patient.apiKey, poll: {initialMs: 10, factor: 2, capMs: 20, limitMs: 150}}),
      );
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).kind).toBe('timeout');
      expect((error as Error).message).toMatch(/still processing after 0.15 s of polling; it may still finish on the server/);
      expect(events.every((event) => event.type === 'pending')).toBe(true);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await patient.close();
    }
  });
});
