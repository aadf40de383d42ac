import {v4 as uuidv4} from 'uuid';
import {infer} from '../api/infer.js';
import type {InferenceResult, TextInferenceTask} from '../api/types.js';
import {InterruptedError, ProtocolError} from '../errors.js';
import type {BatchRun} from './batch-run.js';
import {MAX_RATE_LIMIT_WAITS} from './rate-gate.js';
import type {BatchItem, BatchOutcome} from './batch-types.js';
import {failedOutcome, isRateLimit, okOutcome, taskForItem} from './item-task.js';

interface Finished {
  key: number;
  outcome: BatchOutcome | undefined;
}

/**
 * Stream or sync delivery: up to the gate's limit of items in flight, each its own request, as
 * `ask` sends it (5xx and network failures retried by infer, a possibly accepted task never
 * resent). Items are taken from the input only when a slot is free, so memory stays flat
 * whatever the input's length; outcomes come out in the order items finish.
 */
export async function* pooledItems(items: AsyncIterable<BatchItem>, run: BatchRun): AsyncGenerator<BatchOutcome, void, undefined> {
  const input = items[Symbol.asyncIterator]();
  const running = new Map<number, Promise<Finished>>();
  let exhausted = false;
  let next = 0;
  try {
    for (;;) {
      while (!exhausted && !run.stopping && running.size < run.gate.limit) {
        const step = await input.next();
        if (step.done === true) {
          exhausted = true;
          break;
        }
        const key = next++;
        run.submitted += 1;
        running.set(key, runItem(step.value, run).then((outcome) => ({key, outcome})));
        run.inFlight = running.size;
        run.report();
      }
      if (running.size === 0) break;
      const {key, outcome} = await Promise.race(running.values());
      running.delete(key);
      run.inFlight = running.size;
      run.report();
      if (outcome) yield outcome;
    }
    if (!exhausted) run.reportStop();
  } finally {
    if (!exhausted) await input.return?.();
  }
}

/** One item to its outcome; undefined when stopNow cut it (the rerun takes it again). */
async function runItem(item: BatchItem, run: BatchRun): Promise<BatchOutcome | undefined> {
  let built;
  try {
    built = await taskForItem(item, run.base, {delivery: run.options.delivery, withCost: run.options.maxCostUsd !== undefined});
  } catch (error) {
    return failedOutcome(item, error);
  }
  let task = built.task;
  for (let waits = 0; ; waits++) {
    try {
      await run.gate.whenOpen(run.stopNow);
      const results = await finalResults(task, run);
      run.gate.succeeded();
      const outcome = okOutcome(item, results, built.model);
      run.finished(outcome);
      return outcome;
    } catch (error) {
      if (error instanceof InterruptedError || run.stoppedNow) return undefined;
      if (!isRateLimit(error) || waits >= MAX_RATE_LIMIT_WAITS) {
        const outcome = failedOutcome(item, error);
        run.finished(outcome, error);
        return outcome;
      }
      run.gate.rateLimited(error.retryAfterMs);
      // A 429 proves the service did not take the task; a new UUID keeps `ask`'s resend rule.
      task = {...task, taskUUID: uuidv4()};
    }
  }
}

/** The task's results: infer's events are only counted here, not shown (the answer is in `done`). */
async function finalResults(task: TextInferenceTask, run: BatchRun): Promise<InferenceResult[]> {
  for await (const event of infer(task, run.conn)) {
    if (event.type === 'done') return event.results;
  }
  throw new ProtocolError(`the answer to task ${task.taskUUID} ended without a result`);
}
