import {ApiError, InterruptedError, NetworkError} from '../errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  tries: number;
  baseMs: number;
  capMs: number;
}

/** PROTOCOL.md: 3 tries, 1 s base, 30 s cap. */
export const DEFAULT_RETRY: RetryPolicy = {tries: 3, baseMs: 1000, capMs: 30_000};

/**
 * What sending a request again could cost. `idempotent`: nothing (a getResponse poll, or an async
 * submit resent under its own taskUUID, which the service refuses as `conflictTaskUUID` if it
 * has it already). `once`: a second generation and a second bill (a sync or stream submit,
 * whose retries need a new taskUUID), so it is resent only when the failure proves the service
 * never accepted the first.
 */
export type Resend = 'idempotent' | 'once';

/**
 * 408, 429 and 5xx are worth another try: the service answered that it did not take the task.
 * So is every network failure we can name (refused, reset, DNS, silence, a cut answer) when
 * resending is harmless; for `once` only those that prove the request never reached the server
 * (refused, DNS, a drop before the body was sent). Other API errors and 'other' network errors
 * (TLS, bad URL) are final.
 */
export function isRetryable(error: unknown, resend: Resend = 'idempotent'): boolean {
  if (error instanceof ApiError) return error.status === 408 || error.status === 429 || error.status >= 500;
  if (error instanceof NetworkError) return error.kind !== 'other' && (resend === 'idempotent' || error.delivered === false);
  return false;
}

/**
 * How long to wait before retry number `retry` (1 = the first retry): exponential backoff with
 * full jitter, or exactly what `Retry-After` asked for. A Retry-After longer than the cap means
 * retrying within our budget would only be refused again, so the answer is undefined: give up
 * now and let the error (which carries retryAfterMs) tell the user when to come back.
 */
export function retryDelay(
  retry: number,
  policy: RetryPolicy,
  error?: unknown,
  random: () => number = Math.random,
): number | undefined {
  const asked = error instanceof ApiError ? error.retryAfterMs : undefined;
  if (asked !== undefined) return asked <= policy.capMs ? asked : undefined;
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** A short reason for the `retry` event. Error messages are already one key-free line. */
export function retryReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Waits `ms`; an abort rejects at once with InterruptedError. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new InterruptedError());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new InterruptedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, {once: true});
  });
}
