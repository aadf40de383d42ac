import type {SimState} from './simulator-state.js';

/**
 * The rate limit per key, a sliding window: a request over `requests` in the last `windowMs` is
 * refused, and the answer is how many seconds until the oldest one leaves the window (the
 * Retry-After, whole seconds as HTTP gives it, at least 1). Refused requests do not count.
 */
export function retryAfterSeconds(state: SimState, key: string, now = Date.now()): number | undefined {
  const limit = state.rateLimit;
  if (limit === undefined) return undefined;
  const hits = (state.hits.get(key) ?? []).filter((at) => at > now - limit.windowMs);
  state.hits.set(key, hits);
  const oldest = hits[0];
  if (hits.length >= limit.requests && oldest !== undefined) return Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000));
  hits.push(now);
  return undefined;
}
