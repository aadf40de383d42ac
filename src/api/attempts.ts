import {v4 as uuidv4} from 'uuid';
import {ApiError, InterruptedError, NetworkError} from '../errors.js';
import {notResent} from './transport/network-error.js';
import type {ConnectionOptions, InferenceEvent, TextInferenceTask} from './types.js';

// How a task is sent again: which failures are worth another try, how long to wait, and the
// rule that a submit which may have reached the service is never sent twice.

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
type Resend = 'idempotent' | 'once';

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

/** A 429: the service did not take the request, and asks the caller to slow down. */
function isRateLimited(error: unknown): boolean {
  return error instanceof ApiError && error.status === 429;
}

/** A short reason for the `retry` event. Error messages are already one key-free line. */
function retryReason(error: unknown): string {
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

type Attempt<T> = (attempt: number) => AsyncGenerator<InferenceEvent, T, undefined>;

/**
 * Runs `attempt` until it succeeds, retrying retryable failures per the policy and `resend` (what
 * a second send could cost). An attempt that has already yielded an event is never retried: the
 * consumer has shown it, and a second answer would not continue the first. Before each retry a
 * `retry` event announces the wait.
 */
export async function* retrying<T>(conn: ConnectionOptions, resend: Resend, attempt: Attempt<T>): AsyncGenerator<InferenceEvent, T, undefined> {
  const policy = conn.retry ?? DEFAULT_RETRY;
  for (let n = 1; ; n++) {
    const run = attempt(n);
    let yielded = false;
    let finished = false;
    try {
      for (;;) {
        const step = await run.next();
        if (step.done) {
          finished = true;
          return step.value;
        }
        yielded = true;
        yield step.value;
      }
    } catch (error) {
      finished = true;
      const final = yielded || n >= policy.tries || !isRetryable(error, resend) || (conn.retryRateLimited === false && isRateLimited(error));
      const delayMs = final ? undefined : retryDelay(n, policy, error);
      if (delayMs === undefined) throw error;
      conn.trace?.(`retry ${n + 1}/${policy.tries} in ${delayMs} ms: ${retryReason(error)}`);
      yield {type: 'retry', attempt: n + 1, delayMs, reason: retryReason(error)};
      await sleep(delayMs, conn.signal);
    } finally {
      // The consumer stopped early (break / return): let the attempt close its connection.
      if (!finished) await run.return(undefined as T);
    }
  }
}

/** The same task under a new taskUUID: the service refuses a UUID it has already seen. */
function withFreshUUID(task: TextInferenceTask): TextInferenceTask {
  return {...task, taskUUID: uuidv4()};
}

/** Attempt 1 sends the caller's task as is; every retry gets a fresh UUID. */
function taskForAttempt(task: TextInferenceTask, attempt: number): TextInferenceTask {
  return attempt === 1 ? task : withFreshUUID(task);
}

/** Set by an attempt once part of the answer has gone out to the consumer. */
export interface Shown {
  any: boolean;
}

/**
 * A sync or stream submit: sent again (under a fresh taskUUID) only when the failure proves the
 * service never had it, and never once part of the answer is out. A failure after the request
 * may have been delivered says so (the task may still run and be billed); once part of the
 * answer is shown, the failure speaks for itself (the text is kept).
 */
export async function* submitOnce<T>(
  task: TextInferenceTask,
  conn: ConnectionOptions,
  send: (sent: TextInferenceTask, shown: Shown) => AsyncGenerator<InferenceEvent, T, undefined>,
): AsyncGenerator<InferenceEvent, T, undefined> {
  return yield* retrying(conn, 'once', async function* (attempt) {
    const sent = taskForAttempt(task, attempt);
    const shown: Shown = {any: false};
    try {
      return yield* send(sent, shown);
    } catch (error) {
      throw shown.any ? error : notResent(error, sent.taskUUID);
    }
  });
}
