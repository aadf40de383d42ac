import {InterruptedError, type NetworkError} from '../../errors.js';
import {noAnswerError, provesNotSent, silenceError, toNetworkError, type Phase} from './network-error.js';

export interface IdleGuardOptions {
  outer?: AbortSignal;
  /** Longest silence while connecting and between body chunks. */
  timeoutMs: number;
  /** Longest wait for the answer to begin once the request is delivered (sync: 20 minutes). */
  answerWaitMs: number;
  /** Whether the transport reports delivery (node:http does, the undici proxy path does not). */
  tracksDelivery: boolean;
  host: string;
  secret: string;
}

/**
 * One request's abort wiring: the caller's signal plus one clock, which runs in three stretches:
 * sending (`timeoutMs`), waiting for the answer once the request is delivered (`answerWaitMs`),
 * and each wait for a body chunk (`timeoutMs`). Either one aborts the request; `failure` then
 * tells which of them (or the network itself) ended it, and whether the request had been sent.
 */
export class IdleGuard {
  readonly #controller = new AbortController();
  readonly #options: IdleGuardOptions;
  #timer: NodeJS.Timeout | undefined;
  #timedOut = false;
  /** Where the exchange is: sending the request, awaiting its answer, or reading the body. */
  #stage: 'sending' | 'awaiting' | 'reading' = 'sending';
  readonly #onOuterAbort = (): void => this.#controller.abort();

  constructor(options: IdleGuardOptions) {
    this.#options = options;
    options.outer?.addEventListener('abort', this.#onOuterAbort, {once: true});
    // Without delivery reports the whole wait before the headers is the answer's wait; connecting
    // is then bounded by the transport's own connect timeout.
    if (options.tracksDelivery) this.#arm(options.timeoutMs);
    else this.delivered();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The request is with the socket: the server may have it, and its answer may take a while. */
  delivered(): void {
    if (this.#stage !== 'sending') return;
    this.#stage = 'awaiting';
    this.#arm(this.#options.answerWaitMs);
  }

  /** Data arrived, or we are waiting for it again: restart the silence clock. */
  touch(): void {
    this.#stage = 'reading';
    this.#arm(this.#options.timeoutMs);
  }

  /** The consumer holds a chunk: its own slowness is not the server's silence. */
  pause(): void {
    clearTimeout(this.#timer);
  }

  /** The exchange is over: drop the timer and the listener so nothing outlives it. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#options.outer?.removeEventListener('abort', this.#onOuterAbort);
  }

  failure(error: unknown, phase: Phase): InterruptedError | NetworkError {
    this.stop();
    const {outer, host, timeoutMs, answerWaitMs, secret, tracksDelivery} = this.#options;
    if (outer?.aborted) return new InterruptedError();
    if (this.#timedOut) {
      if (this.#stage === 'awaiting' && answerWaitMs !== timeoutMs) return noAnswerError(host, answerWaitMs);
      return silenceError(host, timeoutMs, this.#stage !== 'sending');
    }
    // Unknown delivery (the proxy path) counts as delivered unless the failure proves otherwise.
    const delivered = tracksDelivery ? this.#stage !== 'sending' : !provesNotSent(error);
    return toNetworkError(error, host, phase, timeoutMs, secret, delivered);
  }

  #arm(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#controller.abort();
    }, ms);
  }
}
