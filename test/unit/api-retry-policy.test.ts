import {describe, expect, it} from 'vitest';
import {ApiError, InterruptedError, NetworkError, ProtocolError} from '../../src/errors.js';
import {DEFAULT_RETRY, isRetryable, retryDelay, sleep} from '../../src/api/attempts.js';
import {toNetworkError} from '../../src/api/transport/network-error.js';

const api = (status: number, retryAfterMs?: number): ApiError => new ApiError('x', {status, code: 'c', retryAfterMs});

describe('isRetryable', () => {
  it('retries 408, 429 and 5xx, nothing else from the API', () => {
    for (const status of [408, 429, 500, 502, 503, 504, 599]) expect(isRetryable(api(status)), String(status)).toBe(true);
    for (const status of [200, 400, 401, 402, 403, 404, 422]) expect(isRetryable(api(status)), String(status)).toBe(false);
  });

  it('retries network failures but not TLS or unknown ones, nor protocol errors or interrupts', () => {
    for (const kind of ['connect', 'timeout', 'dropped'] as const) expect(isRetryable(new NetworkError('x', kind))).toBe(true);
    expect(isRetryable(new NetworkError('x', 'other'))).toBe(false);
    expect(isRetryable(new ProtocolError('x'))).toBe(false);
    expect(isRetryable(new InterruptedError())).toBe(false);
    expect(isRetryable(new Error('x'))).toBe(false);
  });

  it("'once' (a sync or stream submit): only what proves the request never reached the service", () => {
    for (const status of [408, 429, 500, 503]) expect(isRetryable(api(status), 'once'), String(status)).toBe(true);
    for (const kind of ['connect', 'timeout', 'dropped'] as const) {
      expect(isRetryable(new NetworkError('x', kind, {delivered: false}), 'once'), kind).toBe(true);
      expect(isRetryable(new NetworkError('x', kind, {delivered: true}), 'once'), kind).toBe(false);
      // Not known either way: the careful answer is that it may have been delivered.
      expect(isRetryable(new NetworkError('x', kind), 'once'), kind).toBe(false);
    }
    expect(isRetryable(new NetworkError('x', 'other', {delivered: false}), 'once')).toBe(false);
  });
});

describe('retryDelay', () => {
  it('uses full jitter under an exponential ceiling capped at capMs', () => {
    const policy = {tries: 10, baseMs: 1000, capMs: 30_000};
    for (let retry = 1; retry <= 8; retry++) {
      const ceiling = Math.min(30_000, 1000 * 2 ** (retry - 1));
      for (let i = 0; i < 50; i++) {
        const delay = retryDelay(retry, policy, api(503)) ?? -1;
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
      expect(retryDelay(retry, policy, undefined, () => 0)).toBe(0);
      expect(retryDelay(retry, policy, undefined, () => 0.999_999)).toBe(ceiling - 1);
    }
  });

  it('spreads its delays (jitter)', () => {
    const delays = new Set(Array.from({length: 20}, () => retryDelay(3, DEFAULT_RETRY)));
    expect(delays.size).toBeGreaterThan(5);
  });

  it('honours Retry-After exactly, and gives up when it is beyond the cap', () => {
    expect(retryDelay(1, DEFAULT_RETRY, api(429, 2500))).toBe(2500);
    expect(retryDelay(1, DEFAULT_RETRY, api(429, 0))).toBe(0);
    expect(retryDelay(1, DEFAULT_RETRY, api(429, 30_000))).toBe(30_000);
    expect(retryDelay(1, DEFAULT_RETRY, api(429, 30_001))).toBeUndefined();
  });
});

describe('sleep', () => {
  it('waits, and rejects at once with InterruptedError on abort', async () => {
    const started = Date.now();
    await sleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    setTimeout(() => controller.abort(), 10);
    await expect(waiting).rejects.toBeInstanceOf(InterruptedError);
    await expect(sleep(10, controller.signal)).rejects.toBeInstanceOf(InterruptedError);
  });
});

describe('toNetworkError', () => {
  const sys = (code: string, message = `connect ${code}`): Error => Object.assign(new Error(message), {code});

  it('names the host and says what happened', () => {
    expect(toNetworkError(sys('ECONNREFUSED'), 'api.example.com', 'request', 60_000)).toMatchObject({
      kind: 'connect',
      message: 'cannot reach api.example.com: connection refused',
    });
    expect(toNetworkError(sys('ENOTFOUND'), 'h', 'request', 1).kind).toBe('connect');
    expect(toNetworkError(sys('UND_ERR_SOCKET'), 'h', 'body', 1).message).toBe('connection to h closed mid-answer');
    expect(toNetworkError(sys('ECONNRESET'), 'h', 'request', 1).kind).toBe('dropped');
    expect(toNetworkError(sys('ECONNRESET'), 'h', 'request', 1, undefined, false)).toMatchObject({
      message: 'connection to h closed before the request was sent',
      delivered: false,
    });
    expect(toNetworkError(sys('ECONNRESET'), 'h', 'request', 1, undefined, true)).toMatchObject({
      message: 'connection to h closed after the request was delivered',
      delivered: true,
    });
    expect(toNetworkError(sys('UND_ERR_BODY_TIMEOUT'), 'h', 'body', 60_000).message).toBe('no data from h for 60 s');
    expect(toNetworkError(sys('CERT_HAS_EXPIRED'), 'h', 'request', 1).kind).toBe('other');
  });

  it('finds the code inside an AggregateError (happy eyeballs) or a cause', () => {
    const aggregate = Object.assign(new AggregateError([sys('ECONNREFUSED')], 'x'), {});
    expect(toNetworkError(aggregate, 'h', 'request', 1).kind).toBe('connect');
    expect(toNetworkError(new Error('x', {cause: sys('ECONNRESET')}), 'h', 'body', 1).kind).toBe('dropped');
  });

  it('keeps the key out of the message and the cause', () => {
    const key = 'rw-very-secret';
    const error = toNetworkError(new Error(`odd failure for ${key}`), 'h', 'request', 1, key);
    expect(error.message).not.toContain(key);
    expect(String((error.cause as Error).message)).not.toContain(key);
  });
});
