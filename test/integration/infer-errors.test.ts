import {createServer} from 'node:net';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {ApiError, InterruptedError, NetworkError} from '../../src/errors.js';
import {infer} from '../../src/api/infer.js';
import type {ConnectionOptions, InferenceEvent, TextInferenceTask} from '../../src/api/types.js';
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

const SEED = '9223372036854775807';

const task = (extra: Partial<TextInferenceTask> = {}): TextInferenceTask => inferTask({messages: [{role: 'user', content: 'Try again'}], seed: SEED, settings: {temperature: 0.5}}, extra);

const conn = (extra: Partial<ConnectionOptions> = {}): ConnectionOptions => testConnection(sim, {trace: (line) => traces.push(line), ...extra});

const run = collectEvents;

const retries = (events: InferenceEvent[]) => events.filter((event) => event.type === 'retry');

/** The bodies the simulator received, without their taskUUIDs. */
function sameTaskEachTime(): void {
  const tasks = sim.tasks();
  expect(new Set(tasks.map((t) => t.taskUUID)).size).toBe(tasks.length);
  const bare = tasks.map(({taskUUID: _uuid, ...rest}) => rest);
  for (const body of bare) expect(body).toEqual(bare[0]);
  for (const request of sim.requests) expect(request.rawBody).toContain(`"seed":${SEED}`);
}

describe('infer: retries and API errors', () => {
  it('honours Retry-After on 429, then succeeds under a fresh taskUUID', async () => {
    sim.script({status: 429, retryAfter: 1});
    const started = Date.now();
    const {events, error} = await run(infer(task(), conn()));
    expect(error).toBeUndefined();
    expect(retries(events)).toEqual([{type: 'retry', attempt: 2, delayMs: 1000, reason: expect.stringContaining('(rateLimitExceeded)')}]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(events.at(-1)?.type).toBe('done');
    sameTaskEachTime();
  });

  it('does not wait out a Retry-After beyond the cap: the error carries it', async () => {
    sim.script({status: 429, retryAfter: 60});
    const {error} = await run(infer(task(), conn()));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).retryAfterMs).toBe(60_000);
    expect(sim.requests).toHaveLength(1);
  });

  it('retries 500 twice, then succeeds; every attempt has its own UUID', async () => {
    sim.script({status: 500}, {status: 500});
    const sent = task();
    const {events, error} = await run(infer(sent, conn()));
    expect(error).toBeUndefined();
    expect(retries(events).map((event) => event.type === 'retry' && event.attempt)).toEqual([2, 3]);
    for (const event of retries(events)) expect(event.type === 'retry' && event.delayMs).toBeLessThan(40);
    expect(sim.tasks()[0]?.taskUUID).toBe(sent.taskUUID);
    sameTaskEachTime();
    const done = events.at(-1);
    expect(done?.type === 'done' && done.results[0]?.taskUUID).toBe(sim.tasks()[2]?.taskUUID);
    expect(traces.filter((line) => line.startsWith('POST '))).toHaveLength(3);
  });

  it('gives up after three 500s with the ApiError', async () => {
    sim.script({status: 500}, {status: 500}, {status: 500});
    const {events, error} = await run(infer(task(), conn()));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(500);
    expect((error as ApiError).message).toBe('Internal server error. (internalServerError)');
    expect(retries(events)).toHaveLength(2);
    expect(sim.requests).toHaveLength(3);
  });

  it('does not retry 401; hints at the key, never shows it', async () => {
    const wrongKey = 'rw-wrong-key-abcdef123456';
    const {events, error} = await run(infer(task(), conn({apiKey: wrongKey})));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).code).toBe('invalidApiKey');
    expect((error as ApiError).hint).toBe('set RUNWARE_API_KEY or run `gemma auth login`');
    expect(events).toEqual([]);
    expect(sim.requests).toHaveLength(1);
    expect(JSON.stringify([(error as Error).message, (error as ApiError).hint, traces])).not.toContain(wrongKey);
  });

  it('reads the singular error envelope', async () => {
    sim.script({status: 400, code: 'invalidParameter', message: 'Invalid value for temperature.', envelope: 'error'});
    const {error} = await run(infer(task(), conn()));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('Invalid value for temperature. (invalidParameter)');
    expect(sim.requests).toHaveLength(1);
  });

  it('reports the simulator rejecting a bad task with its parameter', async () => {
    const {error} = await run(infer(task({model: 'google-gemma-4-31b'}), conn()));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).parameter).toBeDefined();
  });
});

describe('infer: network failures', () => {
  it('retries a refused connection, then reports NetworkError connect naming the host', async () => {
    const port = await closedPort();
    const {events, error} = await run(infer(task(), conn({baseUrl: `http://127.0.0.1:${port}/v1`})));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('connect');
    expect((error as Error).message).toBe(`cannot reach 127.0.0.1:${port}: connection refused`);
    expect(retries(events)).toHaveLength(2);
  });

  it('never resends a sync request lost after it was delivered: one line naming its taskUUID', async () => {
    const host = new URL(sim.url).host;
    for (const [script, lost] of [
      [{fault: 'drop'}, `connection to ${host} closed after the request was delivered`],
      [{fault: 'drop', afterEvents: 1}, `connection to ${host} closed mid-answer`],
    ] as const) {
      sim.reset();
      sim.script(script);
      const sent = task();
      const {events, error} = await run(infer(sent, conn()));
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).message).toBe(`${lost}; task ${sent.taskUUID} may still run and be billed; not resent`);
      expect(events).toEqual([]);
      expect(sim.tasks().map((t) => t.taskUUID)).toEqual([sent.taskUUID]);
    }
  });

  it('resends a sync request dropped before it was sent (the server never read it), under a fresh taskUUID', async () => {
    // A body larger than the socket buffers: the server hangs up before the client could send it all.
    sim.script({fault: 'dropUnread'});
    const sent = task({messages: [{role: 'user', content: 'x'.repeat(16 * 1024 * 1024)}]});
    const {events, error} = await run(infer(sent, conn()));
    expect(error).toBeUndefined();
    expect(retries(events).map((event) => event.type === 'retry' && event.reason)).toEqual([
      `connection to ${new URL(sim.url).host} closed before the request was sent`,
    ]);
    expect(sim.requests).toHaveLength(2);
    expect(sim.requests[0]?.rawBody).toBe('');
    const answered = sim.tasks();
    expect(answered).toHaveLength(1);
    expect(answered[0]?.taskUUID).not.toBe(sent.taskUUID);
  });

  it('waits for a sync answer longer than timeoutMs (the service is silent until it is complete), and sends it once', async () => {
    sim.script({holdMs: 600, answer: 'Worth the wait.'});
    const {events, error} = await run(infer(task(), conn({timeoutMs: 150})));
    expect(error).toBeUndefined();
    expect(events.at(-1)).toMatchObject({type: 'done', results: [{text: 'Worth the wait.'}]});
    expect(retries(events)).toEqual([]);
    expect(sim.tasks()).toHaveLength(1);
  });

  it('gives up on a delivered sync request after syncWaitMs, naming the task, without resending it', async () => {
    sim.script({fault: 'stall'});
    const sent = task();
    const {events, error} = await run(infer(sent, conn({timeoutMs: 100, syncWaitMs: 300})));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('timeout');
    expect((error as Error).message).toBe(
      `no answer from ${new URL(sim.url).host} within 0.3 s; task ${sent.taskUUID} may still run and be billed; not resent`,
    );
    expect(events).toEqual([]);
    expect(sim.tasks()).toHaveLength(1);
  });

  it('aborts during a retry wait with InterruptedError, promptly', async () => {
    sim.script({status: 503});
    const controller = new AbortController();
    const started = Date.now();
    const running = (async () => {
      for await (const event of infer(task(), conn({signal: controller.signal, retry: {tries: 3, baseMs: 60_000, capMs: 60_000}}))) {
        if (event.type === 'retry') setTimeout(() => controller.abort(), 20);
      }
    })();
    await expect(running).rejects.toBeInstanceOf(InterruptedError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sim.requests).toHaveLength(1);
  });

  it('aborts a request in flight, and sends nothing when already aborted', async () => {
    sim.script({fault: 'stall'});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const {error} = await run(infer(task(), conn({signal: controller.signal})));
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).exitCode).toBe(130);
    sim.reset();
    const {error: again} = await run(infer(task(), conn({signal: controller.signal})));
    expect(again).toBeInstanceOf(InterruptedError);
    expect(sim.requests).toHaveLength(0);
  });
});

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}
