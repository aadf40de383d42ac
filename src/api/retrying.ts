import {DEFAULT_RETRY, isRetryable, retryDelay, retryReason, sleep, type Resend} from './retry-policy.js';
import type {ConnectionOptions, InferenceEvent} from './types.js';

export type Attempt<T> = (attempt: number) => AsyncGenerator<InferenceEvent, T, undefined>;

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
      const delayMs = yielded || n >= policy.tries || !isRetryable(error, resend) ? undefined : retryDelay(n, policy, error);
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
