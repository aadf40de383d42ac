import {setMaxListeners} from 'node:events';
import type {ConnectionOptions} from '../api/types.js';
import type {BatchBase, BatchItemError, BatchOutcome, BatchRunOptions, BatchStop} from './batch-types.js';
import {failsEveryItem} from './item-task.js';
import {CostStop} from './cost-stop.js';
import {RateGate} from './rate-gate.js';

/** What the parts of one batch run share: the connection, the rate gate, the totals, the stop signals. */
export class BatchRun {
  readonly base: BatchBase;
  readonly options: BatchRunOptions;
  readonly gate: RateGate;
  readonly totals: CostStop;
  /** Every request's connection: aborted only by stopNow (a first Ctrl-C lets requests finish); 429s come back to the gate. */
  readonly conn: ConnectionOptions;
  inFlight = 0;
  submitted = 0;
  #stopReported = false;
  #refused: BatchItemError | undefined;

  constructor(base: BatchBase, options: BatchRunOptions) {
    this.base = base;
    this.options = options;
    this.gate = new RateGate(options.concurrency);
    this.totals = new CostStop(options.maxCostUsd);
    const signal = options.stopNow ?? new AbortController().signal;
    // Every request in flight listens on it: -j 16 is more than the default warning's 10.
    setMaxListeners(0, signal);
    this.conn = {...base.connection, signal, retryRateLimited: false};
  }

  get stopNow(): AbortSignal | undefined {
    return this.options.stopNow;
  }

  /** No more items are taken: Ctrl-C (either one) or the budget is spent. */
  get stopping(): boolean {
    return this.options.signal.aborted || this.options.stopNow?.aborted === true || this.totals.reached || this.#refused !== undefined;
  }

  /** Records an item's outcome in the run: its cost, and a refusal that stops the batch. */
  finished(outcome: BatchOutcome, error?: unknown): void {
    if (outcome.ok) this.totals.add(outcome.costUsd, outcome.tokens);
    else if (this.#refused === undefined && failsEveryItem(error)) this.#refused = outcome.error;
  }

  get stoppedNow(): boolean {
    return this.options.stopNow?.aborted === true;
  }

  /** Tells the caller, once, why items were left untaken. */
  reportStop(): void {
    if (this.#stopReported || !this.stopping) return;
    this.#stopReported = true;
    this.options.onStop?.(this.#stopReason());
  }

  #stopReason(): BatchStop {
    if (this.options.signal.aborted || this.options.stopNow?.aborted === true) return {reason: 'interrupted'};
    if (this.#refused !== undefined) return {reason: 'refused', error: this.#refused};
    return {reason: 'maxCost', costUsd: this.totals.costUsd};
  }

  report(): void {
    this.options.onProgress?.({inFlight: this.inFlight, submitted: this.submitted, costUsd: this.totals.costUsd, tokens: this.totals.tokens});
  }
}
