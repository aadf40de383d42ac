/**
 * `batch`: 1,000 prompts at a fixed 200 ms latency with -j 16 against the ideal 12.5 s
 * (1,000 × 200 ms / 16); `batch-memory`: the engine's peak RSS for 100,000 prompts against
 * 1,000 (input from a generator). Both drive the engine (runItems) in a bundled child, not the
 * `gemma batch` command: that is the CLI's part (b-io), which adds reading and writing files.
 */
import {join} from 'node:path';
import type {BatchChildResult} from './batch-child.js';
import {benchChild, bundleBenchChildren, type Context, MB, QUICK, type Row} from './bench-kit.js';

const LATENCY_MS = 200;
const CONCURRENCY = 16;

async function child(ctx: Context): Promise<string> {
  return (await bundleBenchChildren({'batch-child': 'bench/batch-child.ts'}, join(ctx.root, 'batch-bundle'), 'plain'))['batch-child']!;
}

async function runChild(ctx: Context, script: string, count: number, delivery: string, nodeFlags: string[] = []): Promise<BatchChildResult> {
  const {result} = await benchChild<BatchChildResult>(`batch ${count} ${delivery}`, script, [String(count), String(CONCURRENCY), delivery], ctx.env, nodeFlags);
  if (result.done !== count) throw new Error(`batch child: ${result.done} of ${count} done, ${result.failed} failed`);
  ctx.sim.reset();
  return result;
}

export async function batchRow(ctx: Context): Promise<Row> {
  const count = QUICK ? 160 : 1000;
  const script = await child(ctx);
  ctx.sim.setDefault({latencyMs: LATENCY_MS});
  let result: BatchChildResult;
  try {
    result = await runChild(ctx, script, count, 'sync');
  } finally {
    ctx.sim.reset();
  }
  const ideal = (count * LATENCY_MS) / CONCURRENCY;
  return {
    kind: 'ratio',
    key: 'batch',
    label: `batch engine: ${count.toLocaleString('en-US')} prompts, ${LATENCY_MS} ms latency, -j ${CONCURRENCY} (sync)`,
    value: result.ms,
    baseline: ideal,
    baselineLabel: `ideal ${count.toLocaleString('en-US')} × ${LATENCY_MS} ms / ${CONCURRENCY}`,
    unit: 'ms',
    goal: 1.2,
    detail: `one run of runItems (no CLI), ${(result.ms / 1000).toFixed(2)} s against ${(ideal / 1000).toFixed(2)} s; peak RSS ${(result.peakRssBytes / MB).toFixed(1)} MB`,
  };
}

/**
 * Flat memory: the live heap (after a full GC, sampled over the run) for many prompts against
 * few. Peak RSS is printed beside it: it also counts garbage V8 has not yet collected, and a
 * 1,000-prompt run ends (in under a second) before V8 has grown its heap to its steady size.
 */
export async function batchMemoryRow(ctx: Context): Promise<Row> {
  const [small, large] = QUICK ? [500, 2000] : [1000, 100_000];
  const script = await child(ctx);
  const few = await runChild(ctx, script, small, 'async', ['--expose-gc']);
  const many = await runChild(ctx, script, large, 'async', ['--expose-gc']);
  const rss = await runChild(ctx, script, small, 'async');
  const rssMany = await runChild(ctx, script, large, 'async');
  const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
  return {
    kind: 'ratio',
    key: 'batch-memory',
    label: `batch engine live heap: ${large.toLocaleString('en-US')} prompts vs ${small.toLocaleString('en-US')} (async, 50 per POST)`,
    value: many.liveHeapBytes / MB,
    baseline: few.liveHeapBytes / MB,
    baselineLabel: `${small.toLocaleString('en-US')} prompts`,
    unit: 'MB',
    goal: 1.2,
    detail:
      `runItems (no CLI) in a bundled child, input from a generator, no latency; ${small}: ${(rss.ms / 1000).toFixed(1)} s, ` +
      `${large}: ${(rssMany.ms / 1000).toFixed(1)} s; peak RSS without sampling ${mb(rss.peakRssBytes)} vs ${mb(rssMany.peakRssBytes)} ` +
      `(${(rssMany.peakRssBytes / rss.peakRssBytes).toFixed(2)}×: V8's heap grows to its steady size after the small run has ended)`,
  };
}
