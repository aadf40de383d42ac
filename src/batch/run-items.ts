import {asyncItems} from './async-batches.js';
import {BatchRun} from './batch-run.js';
import type {BatchBase, BatchItem, BatchOutcome, BatchRunOptions} from './batch-types.js';
import {pooledItems} from './pooled-items.js';

/**
 * Runs a batch: pulls items lazily from `items` (never more than it can send: flat memory) and
 * yields each item's outcome as it finishes. Stops taking items on `signal` or once the reported
 * cost reaches `maxCostUsd` (what is in flight still finishes), and at once on `stopNow`.
 */
export async function* runItems(items: AsyncIterable<BatchItem>, base: BatchBase, options: BatchRunOptions): AsyncGenerator<BatchOutcome, void, undefined> {
  const run = new BatchRun(base, options);
  switch (options.delivery) {
    case 'stream':
    case 'sync':
      return yield* pooledItems(items, run);
    case 'async':
      return yield* asyncItems(items, run);
    default:
      throw new Error(`unknown delivery ${String(options.delivery satisfies never)}`);
  }
}
