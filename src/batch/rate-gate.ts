import {sleep} from '../api/attempts.js';

/** How often one request may be refused with 429 before the refusal is recorded as its items' failure. */
export const MAX_RATE_LIMIT_WAITS = 20;

/** With no Retry-After, a 429 pauses everyone this long (the retry policy's base delay). */
const PAUSE_WITHOUT_RETRY_AFTER_MS = 1000;

/**
 * The rate limit every worker of a batch shares. A 429 pauses every worker until its Retry-After
 * has passed (no request goes out meanwhile) and halves the concurrency (multiplicative
 * decrease, at most once per pause: the 429s of requests sent together are one signal); then
 * each window of successes as large as the current limit adds one (additive increase) back up
 * to the -j the user asked for. Written here rather than taken from p-limit & co: those have a
 * fixed limit and no shared pause.
 */
export class RateGate {
  readonly #max: number;
  readonly #now: () => number;
  #limit: number;
  #successes = 0;
  #pausedUntil = 0;

  constructor(max: number, now: () => number = Date.now) {
    this.#max = Math.max(1, Math.floor(max));
    this.#limit = this.#max;
    this.#now = now;
  }

  /** How many requests may be in flight now. */
  get limit(): number {
    return this.#limit;
  }

  /** Milliseconds until requests may go out again; 0 when open. */
  get pausedForMs(): number {
    return Math.max(0, this.#pausedUntil - this.#now());
  }

  /** Resolves when no pause is in force (a pause that grows meanwhile is waited for too). */
  async whenOpen(signal?: AbortSignal): Promise<void> {
    for (let wait = this.pausedForMs; wait > 0; wait = this.pausedForMs) await sleep(wait, signal);
  }

  /** A request the service answered (success or an item's own failure: not a rate limit). */
  succeeded(): void {
    if (this.#limit >= this.#max) return;
    this.#successes += 1;
    if (this.#successes >= this.#limit) {
      this.#successes = 0;
      this.#limit += 1;
    }
  }

  /** A 429: pause everyone for `retryAfterMs`, and halve the limit unless this pause already did. */
  rateLimited(retryAfterMs: number | undefined): void {
    const now = this.#now();
    const alreadyPaused = this.#pausedUntil > now;
    this.#pausedUntil = Math.max(this.#pausedUntil, now + (retryAfterMs ?? PAUSE_WITHOUT_RETRY_AFTER_MS));
    this.#successes = 0;
    if (!alreadyPaused) this.#limit = Math.max(1, Math.floor(this.#limit / 2));
  }
}
