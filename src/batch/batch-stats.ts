/** Where a run stands: what the progress line and the summary say. */
export class BatchStats {
  done = 0;
  failed = 0;
  inFlight = 0;
  tokens = 0;
  costUsd = 0;
  readonly startedAt = Date.now();

  constructor(
    /** Items this run takes. */
    readonly total: number,
    /** Items with a line in the output already (--resume). */
    readonly skipped: number,
  ) {}

  /** A finished item, with the tokens and cost the service reported for it (when asked for). */
  finished(ok: boolean, reported: {tokens: number; costUsd: number} = {tokens: 0, costUsd: 0}): void {
    if (ok) this.done += 1;
    else this.failed += 1;
    this.spent(reported);
  }

  /** What an answer cost, also when it could not be kept (the output's disk is full). */
  spent(reported: {tokens: number; costUsd: number}): void {
    this.tokens += reported.tokens;
    this.costUsd += reported.costUsd;
  }

  get finishedCount(): number {
    return this.done + this.failed;
  }

  elapsedMs(now = Date.now()): number {
    return Math.max(1, now - this.startedAt);
  }

  /** Items finished per second since the start. */
  itemsPerSecond(now = Date.now()): number {
    return this.finishedCount / (this.elapsedMs(now) / 1000);
  }

  tokensPerSecond(now = Date.now()): number {
    return this.tokens / (this.elapsedMs(now) / 1000);
  }

  /** Seconds left at the rate so far; undefined before the first item finishes. */
  etaSeconds(now = Date.now()): number | undefined {
    const rate = this.itemsPerSecond(now);
    return rate > 0 ? Math.max(0, this.total - this.finishedCount) / rate : undefined;
  }
}
