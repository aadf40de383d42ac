import {InterruptedError, type NetworkError} from '../errors.js';
import {silenceError, toNetworkError, type Phase} from './network-error.js';

/**
 * One request's abort wiring: the caller's signal plus an idle timer covering connect, headers
 * and each wait for a body chunk. Either one aborts the undici request; `failure` then tells
 * which of them (or the network itself) ended it.
 */
export class IdleGuard {
  readonly #controller = new AbortController();
  readonly #outer: AbortSignal | undefined;
  readonly #timeoutMs: number;
  readonly #host: string;
  readonly #secret: string;
  #timer: NodeJS.Timeout | undefined;
  #timedOut = false;
  readonly #onOuterAbort = (): void => this.#controller.abort();

  constructor(options: {outer?: AbortSignal; timeoutMs: number; host: string; secret: string}) {
    this.#outer = options.outer;
    this.#timeoutMs = options.timeoutMs;
    this.#host = options.host;
    this.#secret = options.secret;
    this.#outer?.addEventListener('abort', this.#onOuterAbort, {once: true});
    this.touch();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Data arrived, or we are waiting for it again: restart the silence clock. */
  touch(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#controller.abort();
    }, this.#timeoutMs);
  }

  /** The consumer holds a chunk: its own slowness is not the server's silence. */
  pause(): void {
    clearTimeout(this.#timer);
  }

  /** The exchange is over: drop the timer and the listener so nothing outlives it. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#outer?.removeEventListener('abort', this.#onOuterAbort);
  }

  failure(error: unknown, phase: Phase): InterruptedError | NetworkError {
    this.stop();
    if (this.#outer?.aborted) return new InterruptedError();
    if (this.#timedOut) return silenceError(this.#host, this.#timeoutMs);
    return toNetworkError(error, this.#host, phase, this.#timeoutMs, this.#secret);
  }
}
