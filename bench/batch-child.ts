/**
 * A bench child: runs the batch engine (runItems) over `count` generated prompts against the
 * simulator in RUNWARE_BASE_URL, and prints its time and peak RSS. Bundled and run by plain node
 * (bench/batch-row.ts), so the memory figure is the engine's, not tsx's. With --expose-gc it
 * also samples the live heap (what must stay flat: peak RSS also holds what V8 has not collected).
 *
 *   RUNWARE_BASE_URL=... RUNWARE_API_KEY=... node --import tsx bench/batch-child.ts <count> <concurrency> <delivery> [--json]
 */
import {runItems} from '../src/batch/run-items.js';
import type {BatchItem} from '../src/batch/batch-types.js';
import {printResult} from './bench-support.js';

export interface BatchChildResult {
  ms: number;
  done: number;
  failed: number;
  peakRssBytes: number;
  /** The largest live heap after a full GC, sampled 20 times over the run (with node --expose-gc; else 0). */
  liveHeapBytes: number;
}

const gc = (globalThis as {gc?: () => void}).gc;

/** The input, made one item at a time: nothing of it is held but what the engine holds. */
async function* prompts(count: number): AsyncGenerator<BatchItem> {
  const settings = new Map();
  for (let line = 1; line <= count; line++) yield {id: String(line), line, prompt: `question ${line}: tell me about item ${line}`, settings};
}

const [count = '1000', concurrency = '16', delivery = 'sync'] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const started = performance.now();
let done = 0;
let failed = 0;
let firstError = '';
let liveHeapBytes = 0;
const sampleEvery = Math.max(1, Math.floor(Number(count) / 20));
for await (const outcome of runItems(
  prompts(Number(count)),
  {
    connection: {
      baseUrl: process.env.RUNWARE_BASE_URL ?? '',
      apiKey: process.env.RUNWARE_API_KEY ?? '',
      timeoutMs: 60_000,
      poll: {initialMs: 50, factor: 1.5, capMs: 500, limitMs: 600_000},
    },
    layers: {env: {}, stored: {}},
  },
  {concurrency: Number(concurrency), delivery: delivery as 'sync' | 'stream' | 'async', tasksPerRequest: 50, signal: new AbortController().signal},
)) {
  if (gc && (done + failed) % sampleEvery === 0) {
    gc();
    liveHeapBytes = Math.max(liveHeapBytes, process.memoryUsage().heapUsed);
  }
  if (outcome.ok) done += 1;
  else {
    failed += 1;
    firstError ||= outcome.error.message;
  }
}
const result: BatchChildResult = {ms: performance.now() - started, done, failed, peakRssBytes: process.resourceUsage().maxRSS * 1024, liveHeapBytes};
if (firstError) process.stderr.write(`batch-child: ${failed} failed, the first: ${firstError}\n`);
if (process.argv.includes('--json')) printResult(result);
else process.stdout.write(`${JSON.stringify(result)}\n`);
