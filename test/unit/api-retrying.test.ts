import {describe, expect, it} from 'vitest';
import {ApiError, NetworkError} from '../../src/errors.js';
import {retrying} from '../../src/api/attempts.js';
import type {ConnectionOptions, InferenceEvent} from '../../src/api/types.js';

const conn: ConnectionOptions = {baseUrl: 'http://x/v1', apiKey: 'k', timeoutMs: 1000, retry: {tries: 3, baseMs: 5, capMs: 20}};

async function collect<T>(gen: AsyncGenerator<InferenceEvent, T>): Promise<{events: InferenceEvent[]; value: T}> {
  const events: InferenceEvent[] = [];
  for (;;) {
    const step = await gen.next();
    if (step.done) return {events, value: step.value};
    events.push(step.value);
  }
}

describe('retrying', () => {
  it('announces each retry, then returns the value', async () => {
    const attempts: number[] = [];
    const {events, value} = await collect(
      retrying(conn, 'idempotent', async function* (n) {
        attempts.push(n);
        if (n < 3) throw new ApiError('busy', {status: 503, code: 'busy'});
        return 'ok';
      }),
    );
    expect(value).toBe('ok');
    expect(attempts).toEqual([1, 2, 3]);
    expect(events.map((event) => event.type === 'retry' && event.attempt)).toEqual([2, 3]);
  });

  it('gives up after `tries` attempts with the last error', async () => {
    const run = collect(
      retrying(conn, 'idempotent', async function* () {
        throw new NetworkError('cannot reach x: connection refused', 'connect');
      }),
    );
    await expect(run).rejects.toThrow('connection refused');
  });

  it("'once': resends only a request that provably never reached the server", async () => {
    const sent: number[] = [];
    const run = collect(
      retrying(conn, 'once', async function* (n) {
        sent.push(n);
        if (n === 1) throw new NetworkError('cannot reach x: connection refused', 'connect', {delivered: false});
        throw new NetworkError('connection to x closed after the request was delivered', 'dropped', {delivered: true});
      }),
    );
    await expect(run).rejects.toThrow('after the request was delivered');
    expect(sent).toEqual([1, 2]);
  });

  it('never retries an attempt that already yielded an event', async () => {
    let calls = 0;
    const gen = retrying(conn, 'idempotent', async function* () {
      calls++;
      yield {type: 'text', text: 'Hel', index: 0};
      throw new NetworkError('connection to x closed mid-answer', 'dropped');
    });
    await expect(collect(gen)).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toBe(1);
  });

  it('closes the running attempt when the consumer stops early', async () => {
    let closed = false;
    const gen = retrying(conn, 'idempotent', async function* () {
      try {
        yield {type: 'text', text: 'a', index: 0};
        yield {type: 'text', text: 'b', index: 0};
      } finally {
        closed = true;
      }
    });
    for await (const event of gen) {
      expect(event.type).toBe('text');
      break;
    }
    expect(closed).toBe(true);
  });
});
