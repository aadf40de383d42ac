import {describe, expect, it} from 'vitest';
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

  it('retries a failed poll, and a failed submit, always under the task\'s own taskUUID', async () => {
    sim.script({status: 502}, {}, {status: 500});
    const sent = task();
    const {events, error} = await run(infer(sent, conn()));
    expect(error).toBeUndefined();
    expect(events.filter((event) => event.type === 'retry')).toHaveLength(2);
    const submitted = sim.tasks().filter((t) => t.taskType === 'textInference');
    expect(submitted.map((t) => t.taskUUID)).toEqual([sent.taskUUID, sent.taskUUID]);
    const polled = new Set(sim.tasks().filter((t) => t.taskType === 'getResponse').map((t) => t.taskUUID));
    expect([...polled]).toEqual([sent.taskUUID]);
    expect(results(events)[0]?.taskUUID).toBe(sent.taskUUID);
  });

  it('a submit accepted but lost on the way back: resent as is, conflictTaskUUID proves it is in, polling goes on', async () => {
    sim.script({fault: 'drop', afterEvents: 1, answer: 'Only once.'});
    const sent = task();
    const {events, error} = await run(infer(sent, conn()));
    expect(error).toBeUndefined();
    expect(events.filter((event) => event.type === 'retry')).toHaveLength(1);
    expect(sim.tasks().filter((t) => t.taskType === 'textInference').map((t) => t.taskUUID)).toEqual([sent.taskUUID, sent.taskUUID]);
    expect(results(events).map((result) => result.text)).toEqual(['Only once.']);
  });

  it('conflictTaskUUID on the first submit is an error like any other', async () => {
    sim.script({status: 400, code: 'conflictTaskUUID', message: 'Task already exists.'});
    const {error} = await run(infer(task(), conn()));
    expect((error as ApiError).message).toBe('Task already exists. (conflictTaskUUID)');
    expect(sim.tasks()).toHaveLength(1);
  });

  it('stops at the first failed result (a data item with status "error"), with its message and code', async () => {
    sim.script({failResults: [1], failCode: 'inferenceError', failMessage: 'one of N failed'});
    const {events, error} = await run(infer(task({numberResults: 2}), conn()));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('one of N failed (inferenceError)');
    // Nothing of the successful result is shown: the task failed as a whole.
    expect(events.every((event) => event.type === 'pending')).toBe(true);
    // Two polls answered processing, the third held the failure: no further poll.
    expect(sim.tasks().filter((t) => t.taskType === 'getResponse')).toHaveLength(3);
  });

  it('stops at a failure that comes in errors for the task', async () => {
    sim.script({failResults: [0], failIn: 'errors', failMessage: 'The provider refused.'});
    const {error} = await run(infer(task(), conn()));
    expect((error as ApiError).message).toBe('The provider refused. (inferenceError)');
  });

  it('with numberResults 2, is done when 2 results are success, not when the listed ones are', async () => {
    sim.script({listFinishedOnly: true});
    const {events, error} = await run(infer(task({numberResults: 2}), conn()));
    expect(error).toBeUndefined();
    expect(results(events).map((result) => result.index)).toEqual([0, 1]);
    // pollsUntilDone 2 empty polls, then one result more per poll: 1 of 2, then 2 of 2.
    expect(sim.tasks().filter((t) => t.taskType === 'getResponse')).toHaveLength(4);
  });

  it('routes a thought-channel block in a whole text to reasoning', async () => {
    sim.script({thought: 'Hidden.', answer: 'Shown.', reasoning: ''});
    const {events} = await run(infer(task(), conn()));
    expect(events.filter((event) => event.type !== 'pending')).toEqual([
      {type: 'reasoning', text: 'Hidden.', index: 0},
      {type: 'text', text: 'Shown.', index: 0},
      expect.objectContaining({type: 'done'}),
    ]);
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
