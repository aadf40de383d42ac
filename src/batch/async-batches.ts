import {DEFAULT_RETRY, isRetryable, retryDelay, sleep} from '../api/attempts.js';
import {DEFAULT_POLL, stillRunning} from '../api/infer.js';
import {resultOf, type WireItem} from '../api/wire/results.js';
import {InterruptedError} from '../errors.js';
import {postMany, type TaskNews} from './async-answers.js';
import type {BatchRun} from './batch-run.js';
import {MAX_RATE_LIMIT_WAITS} from './rate-gate.js';
import type {BatchItem, BatchOutcome} from './batch-types.js';
import {failedOutcome, isRateLimit, okOutcome, taskForItem, type ItemTask} from './item-task.js';

/** An accepted task, polled with the policy of `ask` (first after initialMs, ×factor, capped, limitMs in all). */
interface Pending {
  item: BatchItem;
  built: ItemTask;
  wanted: number;
  startedAt: number;
  delayMs: number;
  dueAt: number;
  polling: boolean;
}

/**
 * Async delivery on the service's own queue: up to `tasksPerRequest` tasks per submit, then
 * getResponse polls of every task that is due, as many per request. Requests (submits and polls)
 * in flight are held to the gate's limit. At most tasksPerRequest × concurrency tasks are
 * pending at once, so the input is read no faster than the service finishes it.
 */
export async function* asyncItems(items: AsyncIterable<BatchItem>, run: BatchRun): AsyncGenerator<BatchOutcome, void, undefined> {
  const loop = new AsyncLoop(items, run);
  try {
    yield* loop.outcomes();
  } finally {
    await loop.close();
  }
}

class AsyncLoop {
  readonly #input: AsyncIterator<BatchItem>;
  readonly #run: BatchRun;
  readonly #pending = new Map<string, Pending>();
  readonly #ready: BatchOutcome[] = [];
  readonly #requests = new Set<Promise<void>>();
  readonly #perRequest: number;
  readonly #poll;
  #submitting = 0;
  #exhausted = false;

  constructor(items: AsyncIterable<BatchItem>, run: BatchRun) {
    this.#input = items[Symbol.asyncIterator]();
    this.#run = run;
    this.#perRequest = Math.max(1, Math.floor(run.options.tasksPerRequest));
    this.#poll = run.conn.poll ?? DEFAULT_POLL;
  }

  async *outcomes(): AsyncGenerator<BatchOutcome, void, undefined> {
    for (;;) {
      await this.#start();
      yield* this.#ready.splice(0);
      const idle = this.#requests.size === 0 && this.#submitting === 0;
      if (idle && this.#pending.size === 0 && (this.#exhausted || this.#run.stopping)) break;
      if (this.#run.stoppedNow) break;
      await this.#wait();
    }
    if (!this.#exhausted) this.#run.reportStop();
  }

  async close(): Promise<void> {
    if (!this.#exhausted) await this.#input.return?.();
  }

  get #maxPending(): number {
    return this.#perRequest * this.#run.options.concurrency;
  }

  /** Starts requests while the gate has room: a submit when the input and the budget allow, else a poll of due tasks. */
  async #start(): Promise<void> {
    while (this.#requests.size < this.#run.gate.limit && !this.#run.stoppedNow) {
      // Items that failed before any request (unbuildable) go out first: memory stays bounded.
      if (this.#ready.length >= this.#perRequest) return;
      const room = this.#maxPending - this.#pending.size - this.#submitting;
      if (!this.#exhausted && !this.#run.stopping && room >= Math.min(this.#perRequest, this.#maxPending)) {
        const batch = await this.#take(Math.min(room, this.#perRequest));
        if (batch.length > 0) this.#track(this.#submit(batch));
        continue;
      }
      const due = [...this.#pending.entries()].filter(([, p]) => !p.polling && p.dueAt <= Date.now()).slice(0, this.#perRequest);
      if (due.length === 0) return;
      for (const [, p] of due) p.polling = true;
      this.#track(this.#pollAll(due.map(([uuid]) => uuid)));
    }
  }

  /** Up to `count` items from the input, built into tasks; an item that cannot be built is failed at once. */
  async #take(count: number): Promise<{item: BatchItem; built: ItemTask}[]> {
    const batch: {item: BatchItem; built: ItemTask}[] = [];
    while (batch.length < count) {
      const step = await this.#input.next();
      if (step.done === true) {
        this.#exhausted = true;
        break;
      }
      this.#run.submitted += 1;
      try {
        batch.push({item: step.value, built: await taskForItem(step.value, this.#run.base, {delivery: 'async', withCost: this.#run.options.maxCostUsd !== undefined})});
      } catch (error) {
        this.#ready.push(failedOutcome(step.value, error));
      }
    }
    this.#submitting += batch.length;
    return batch;
  }

  #track(request: Promise<void>): void {
    const tracked = request.finally(() => this.#requests.delete(tracked));
    this.#requests.add(tracked);
    this.#report();
  }

  /** Until a request ends or the next poll is due. */
  async #wait(): Promise<void> {
    const dues = [...this.#pending.values()].filter((p) => !p.polling).map((p) => p.dueAt);
    const untilDue = dues.length > 0 ? Math.max(0, Math.min(...dues) - Date.now()) : undefined;
    let timer: NodeJS.Timeout | undefined;
    const waits: Promise<unknown>[] = [...this.#requests];
    if (untilDue !== undefined) waits.push(new Promise((resolve) => (timer = setTimeout(resolve, untilDue))));
    if (waits.length === 0) return;
    // stopNow ends the wait at once, even between polls.
    const stopNow = this.#run.stopNow;
    let onStop: (() => void) | undefined;
    if (stopNow) waits.push(new Promise<void>((resolve) => stopNow.addEventListener('abort', (onStop = () => resolve()), {once: true})));
    try {
      await Promise.race(waits);
    } finally {
      clearTimeout(timer);
      if (onStop) stopNow?.removeEventListener('abort', onStop);
    }
  }

  /** One submit of many tasks, resent under the same taskUUIDs (the service refuses one it has: conflictTaskUUID). */
  async #submit(batch: {item: BatchItem; built: ItemTask}[]): Promise<void> {
    try {
      const news = await this.#send(batch.map(({built}) => built.task), true);
      if (news instanceof Error) {
        for (const {item} of batch) this.#finish(failedOutcome(item, news), news);
        return;
      }
      const now = Date.now();
      for (const {item, built} of batch) {
        const one = news?.get(built.task.taskUUID);
        if (one === undefined) continue; // stopped at once: no outcome, the rerun takes it again
        const pending: Pending = {item, built, wanted: built.task.numberResults ?? 1, startedAt: now, delayMs: this.#poll.initialMs, dueAt: now + this.#poll.initialMs, polling: false};
        this.#settle(built.task.taskUUID, pending, one.kind === 'unanswered' ? {kind: 'failed', error: one.error} : one);
      }
    } finally {
      this.#submitting -= batch.length;
    }
  }

  async #pollAll(uuids: string[]): Promise<void> {
    const news = await this.#send(uuids.map((taskUUID) => ({taskType: 'getResponse', taskUUID})), false);
    for (const uuid of uuids) {
      const pending = this.#pending.get(uuid);
      if (pending === undefined) continue;
      pending.polling = false;
      if (news instanceof Error) this.#settle(uuid, pending, {kind: 'failed', error: news});
      else if (news !== undefined) this.#settle(uuid, pending, news.get(uuid) ?? {kind: 'running', done: []});
    }
  }

  /** What one answer means for one task: an outcome, or its next poll. */
  #settle(uuid: string, pending: Pending, news: TaskNews): void {
    this.#pending.delete(uuid);
    if (news.kind === 'failed') return this.#finish(failedOutcome(pending.item, news.error), news.error);
    if (news.kind === 'running' && news.done.length >= pending.wanted) {
      return this.#finish(okOutcome(pending.item, news.done.map((item: WireItem, k) => resultOf(item, k)), pending.built.model));
    }
    const now = Date.now();
    const isFirst = pending.dueAt > now; // set at submit: the first poll is still ahead
    if (!isFirst) pending.delayMs = Math.min(this.#poll.capMs, pending.delayMs * this.#poll.factor);
    if (now - pending.startedAt + pending.delayMs > this.#poll.limitMs) return this.#finish(failedOutcome(pending.item, stillRunning(uuid, this.#poll.limitMs)));
    pending.dueAt = isFirst ? pending.dueAt : now + pending.delayMs;
    this.#pending.set(uuid, pending);
  }

  #finish(outcome: BatchOutcome, error?: unknown): void {
    this.#run.finished(outcome, error);
    this.#ready.push(outcome);
    this.#report();
  }

  /**
   * One request with the retry policy of `ask`: 5xx and network failures retried (resending is
   * harmless: same taskUUIDs, or polls), a 429 pauses every request through the gate and is not
   * counted as a try. Returns the news, the final error, or undefined when stopNow cut it.
   */
  async #send(tasks: readonly {taskType: string; taskUUID: string}[], isSubmit: boolean): Promise<Map<string, TaskNews> | Error | undefined> {
    const policy = this.#run.conn.retry ?? DEFAULT_RETRY;
    let waits = 0;
    for (let attempt = 1; ; ) {
      try {
        await this.#run.gate.whenOpen(this.#run.stopNow);
        const news = await postMany(this.#run.conn, tasks, isSubmit && attempt > 1);
        this.#run.gate.succeeded();
        return news;
      } catch (error) {
        if (error instanceof InterruptedError || this.#run.stoppedNow) return undefined;
        if (isRateLimit(error) && waits < MAX_RATE_LIMIT_WAITS) {
          waits += 1;
          this.#run.gate.rateLimited(error.retryAfterMs);
          continue;
        }
        const delayMs = attempt < policy.tries && isRetryable(error, 'idempotent') ? retryDelay(attempt, policy, error) : undefined;
        if (delayMs === undefined) return error instanceof Error ? error : new Error(String(error));
        attempt += 1;
        try {
          await sleep(delayMs, this.#run.stopNow);
        } catch {
          return undefined;
        }
      }
    }
  }

  #report(): void {
    this.#run.inFlight = this.#pending.size + this.#submitting;
    this.#run.report();
  }
}
