/**
 * `batch`: the real `gemma batch` command (built dist) on 1,000 prompts at a fixed 200 ms
 * latency with -j 16, against the ideal 12.5 s (1,000 × 200 ms / 16). `batch-memory`: its peak
 * RSS on 100,000 prompts against 1,000. The input is made by a generator, line by line, into a
 * file; the results go to stdout (/dev/null), as `gemma batch in.jsonl > out.jsonl` writes them.
 */
import {createWriteStream, existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {once} from 'node:events';
import {type Context, expectOk, GEMMA_BIN, MB, NODE, QUICK, type Row, type Run, timed, vmHwmOf} from './bench-kit.js';

const LATENCY_MS = 200;
const CONCURRENCY = 16;

/** `count` JSONL prompts written one line at a time (never one string of them all). */
async function generatedInput(ctx: Context, count: number): Promise<string> {
  const path = join(ctx.root, `batch-${count}.jsonl`);
  const out = createWriteStream(path);
  for (let i = 1; i <= count; i++) {
    if (!out.write(`{"id":"q${i}","prompt":"question ${i}: tell me about item ${i}"}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return path;
}

interface BatchRun {
  run: Run;
  peakRssBytes: number;
}

/** One `gemma batch <input> -j 16 --delivery sync --quiet`: its time and peak RSS, checked for `count` done. */
async function batchCli(ctx: Context, count: number): Promise<BatchRun> {
  const input = await generatedInput(ctx, count);
  const args = [GEMMA_BIN, 'batch', input, '-j', String(CONCURRENCY), '--delivery', 'sync', '--quiet'];
  const done = (r: Run): string | undefined => (r.stderr.includes(`batch: ${count.toLocaleString('en-US')} done, 0 failed`) ? undefined : `not ${count} done`);
  const what = `gemma batch (${count} prompts)`;
  const options = {env: ctx.env, stdout: 'null' as const, timeoutMs: 900_000};
  let result: BatchRun;
  if (existsSync('/usr/bin/time')) {
    const timeFile = join(ctx.root, 'batch-time-peak.txt');
    const run = expectOk(what, await timed('/usr/bin/time', ['-f', '%M', '-o', timeFile, NODE, ...args], options), done);
    result = {run, peakRssBytes: Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)) * 1024};
  } else {
    let peak = 0;
    let poller: NodeJS.Timeout | undefined;
    const run = expectOk(what, await timed(NODE, args, {...options, onSpawn: (pid) => (poller = setInterval(() => (peak = Math.max(peak, vmHwmOf(pid) ?? 0)), 20))}), done);
    clearInterval(poller);
    result = {run, peakRssBytes: peak};
  }
  ctx.sim.reset();
  if (!(result.peakRssBytes > 0)) throw new Error(`${what}: no peak RSS measured`);
  return result;
}

export async function batchRow(ctx: Context): Promise<Row> {
  const count = QUICK ? 160 : 1000;
  ctx.sim.setDefault({latencyMs: LATENCY_MS});
  let result: BatchRun;
  try {
    result = await batchCli(ctx, count);
  } finally {
    ctx.sim.reset();
  }
  const ideal = (count * LATENCY_MS) / CONCURRENCY;
  return {
    kind: 'ratio',
    key: 'batch',
    label: `gemma batch: ${count.toLocaleString('en-US')} prompts, ${LATENCY_MS} ms latency, -j ${CONCURRENCY} (sync)`,
    value: result.run.ms,
    baseline: ideal,
    baselineLabel: `ideal ${count.toLocaleString('en-US')} × ${LATENCY_MS} ms / ${CONCURRENCY}`,
    unit: 'ms',
    goal: 1.2,
    detail: `one run of the built CLI (start-up, both passes over the input, results to stdout), ${(result.run.ms / 1000).toFixed(2)} s against ${(ideal / 1000).toFixed(2)} s; peak RSS ${(result.peakRssBytes / MB).toFixed(1)} MB`,
  };
}

/**
 * Flat memory: the CLI's peak RSS (the whole process, as the OS counts it) for many prompts
 * against few. What grows is garbage V8 lets old space hold in a long run, not live data: the
 * same runs under NODE_OPTIONS=--max-old-space-size=48 complete with 103 and 113 MB (1.10x,
 * measured 2026-12-02) where the default heap gives 109 and 137-141 MB.
 */
export async function batchMemoryRow(ctx: Context): Promise<Row> {
  const [small, large] = QUICK ? [1000, 10_000] : [1000, 100_000];
  const few = await batchCli(ctx, small);
  const many = await batchCli(ctx, large);
  return {
    kind: 'ratio',
    key: 'batch-memory',
    label: `gemma batch peak RSS: ${large.toLocaleString('en-US')} prompts vs ${small.toLocaleString('en-US')} (sync, -j ${CONCURRENCY}, no latency)`,
    value: many.peakRssBytes / MB,
    baseline: few.peakRssBytes / MB,
    baselineLabel: `${small.toLocaleString('en-US')} prompts`,
    unit: 'MB',
    goal: 1.2,
    detail: `the built CLI, input from a generator, results to stdout; ${small}: ${(few.run.ms / 1000).toFixed(1)} s, ${large}: ${(many.run.ms / 1000).toFixed(1)} s`,
  };
}
