import type {ConnectionOptions} from '../../src/api/types.js';
import {runItems} from '../../src/batch/run-items.js';
import type {BatchBase, BatchItem, BatchOutcome, BatchRunOptions} from '../../src/batch/batch-types.js';
import type {SettingValue} from '../../src/settings/setting-types.js';
import {testConnection} from './infer-fixtures.js';
import type {Simulator} from './simulator.js';

/** `count` plain items, generated one at a time (the engine pulls them lazily). */
export async function* batchItems(count: number, settings: ReadonlyMap<string, SettingValue> = new Map()): AsyncGenerator<BatchItem> {
  for (let line = 1; line <= count; line++) yield {id: `p${line}`, line, prompt: `prompt number ${line}`, settings};
}

/** Where items go: the simulator, short retry and poll policies, no env or config layers. */
export function batchBase(sim: Simulator, extra: Partial<ConnectionOptions> = {}): BatchBase {
  return {connection: testConnection(sim, extra), layers: {env: {}, stored: {}}};
}

export function batchOptions(extra: Partial<BatchRunOptions> = {}): BatchRunOptions {
  return {concurrency: 4, delivery: 'sync', tasksPerRequest: 50, signal: new AbortController().signal, ...extra};
}

/** Runs a batch to its end and gathers the outcomes in the order they came. */
export async function runBatch(items: AsyncIterable<BatchItem>, base: BatchBase, options: BatchRunOptions): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = [];
  for await (const outcome of runItems(items, base, options)) outcomes.push(outcome);
  return outcomes;
}
