/**
 * Rows for large input in the chat's prompt. In process (bench/paste-bench.tsx, bundled and run
 * with plain node, React's production build, ink drawing into a fake terminal): a 3,000-line
 * bracketed paste until it shows, a key typed after it until it echoes (against a key on an empty
 * prompt), a 100 KB one-line paste until it shows; one set of runs feeds the three rows. In a real
 * pty (bench/paste-tty.ts, the built CLI under `script`): the paste and the keys again.
 */
import {join} from 'node:path';
import {benchChild, bundleBenchChildren, type Context, type LimitRow, QUICK, spread} from './bench-kit.js';
import {median} from './bench-support.js';
import type {PasteBench} from './paste-bench.js';
import {measurePasteTty, type PasteTty} from './paste-tty.js';

const SIZES = QUICK ? {lines: 300, keys: 5, longBytes: 10_000, runs: 1} : {lines: 3000, keys: 20, longBytes: 100_000, runs: 3};
const TTY_RUNS = QUICK ? 1 : 3;

async function bundle(ctx: Context): Promise<string> {
  return (await bundleBenchChildren({'paste-bench': 'bench/paste-bench.tsx'}, join(ctx.root, 'paste-bundle'), 'gemma-ui'))['paste-bench']!;
}

/** `measure` run once per bench run: several rows read the same set of runs. */
function oncePerRun<T>(measure: (ctx: Context) => Promise<T>): (ctx: Context) => Promise<T> {
  const results = new WeakMap<Context, Promise<T>>();
  return (ctx) => {
    let result = results.get(ctx);
    if (!result) {
      result = measure(ctx);
      results.set(ctx, result);
    }
    return result;
  };
}

const measure = oncePerRun(async (ctx): Promise<PasteBench[]> => {
  const script = await bundle(ctx);
  const results: PasteBench[] = [];
  for (let i = 0; i < SIZES.runs; i++) {
    const args = [String(SIZES.lines), String(SIZES.keys), String(SIZES.longBytes)];
    results.push((await benchChild<PasteBench>('paste bench', script, args, ctx.env)).result);
  }
  return results;
});

const list = (values: readonly number[]): string => values.map((v) => v.toFixed(1)).join(', ');

/** A 3,000-line bracketed paste: stdin written to the frame showing its last line. */
export async function pasteRow(ctx: Context): Promise<LimitRow> {
  const runs = await measure(ctx);
  const first = runs[0]!;
  const ms = runs.map((r) => r.pasteMs);
  return {
    kind: 'limit',
    key: 'paste',
    label: `chat prompt: ${first.lines.toLocaleString('en-US')}-line bracketed paste until shown (in process, fake 100x40 terminal)`,
    value: median(ms),
    unit: 'ms',
    goal: 200,
    detail: `${(first.pasteBytes / 1000).toFixed(0)} kB; ${spread(ms, 1)} ms (${list(ms)})`,
  };
}

/** Keys typed one at a time after the paste, each to the frame that shows it. */
export async function pasteKeyRow(ctx: Context): Promise<LimitRow> {
  const runs = await measure(ctx);
  const after = runs.flatMap((r) => r.keysAfterPaste);
  const empty = runs.flatMap((r) => r.keysEmpty);
  return {
    kind: 'limit',
    key: 'paste-key',
    label: `chat prompt: key to echo after a ${runs[0]!.lines.toLocaleString('en-US')}-line paste (median)`,
    value: median(after),
    unit: 'ms',
    goal: 16,
    detail:
      `${spread(after, 2)} ms; on an empty prompt (baseline): median ${median(empty).toFixed(2)} ms, ${spread(empty, 2)} ms; ` +
      `CPU per key: ${median(runs.flatMap((r) => r.cpuAfterPaste)).toFixed(2)} ms after the paste, ${median(runs.flatMap((r) => r.cpuEmpty)).toFixed(2)} ms empty; ` +
      `frame after the last key ${(runs[0]!.lastKeyFrameBytes / 1000).toFixed(1)} kB written`,
  };
}

/** A 100 KB single-line bracketed paste: stdin written to the frame showing its end. */
export async function pasteLineRow(ctx: Context): Promise<LimitRow> {
  const runs = await measure(ctx);
  const ms = runs.map((r) => r.longLineMs);
  return {
    kind: 'limit',
    key: 'paste-line',
    label: `chat prompt: ${(runs[0]!.longLineBytes / 1000).toFixed(0)} kB one-line bracketed paste until shown`,
    value: median(ms),
    unit: 'ms',
    goal: 200,
    detail: `${spread(ms, 1)} ms (${list(ms)})`,
  };
}

const measureTty = oncePerRun(async (ctx): Promise<PasteTty[]> => {
  const results: PasteTty[] = [];
  for (let i = 0; i < TTY_RUNS; i++) results.push(await measurePasteTty({env: ctx.env, lines: SIZES.lines, keys: SIZES.keys}));
  return results;
});

/** The paste in a pty: written to the terminal until gemma has written the frame showing its end. */
export async function pasteTtyRow(ctx: Context): Promise<LimitRow> {
  const runs = await measureTty(ctx);
  const ms = runs.map((r) => r.pasteMs);
  return {
    kind: 'limit',
    key: 'paste-tty',
    label: `chat prompt in a pty (\`script\`, 100x40): ${runs[0]!.lines.toLocaleString('en-US')}-line bracketed paste until shown`,
    value: median(ms),
    unit: 'ms',
    goal: 200,
    detail: `${spread(ms, 1)} ms (${list(ms)})`,
  };
}

/** Keys after the paste in a pty, each until gemma has written the frame that shows it. */
export async function pasteTtyKeyRow(ctx: Context): Promise<LimitRow> {
  const runs = await measureTty(ctx);
  const after = runs.flatMap((r) => r.keysAfterPaste);
  const empty = runs.flatMap((r) => r.keysEmpty);
  return {
    kind: 'limit',
    key: 'paste-tty-key',
    label: `chat prompt in a pty: key to echo after a ${runs[0]!.lines.toLocaleString('en-US')}-line paste (median)`,
    value: median(after),
    unit: 'ms',
    goal: 16,
    detail:
      `${spread(after, 2)} ms; on an empty prompt (baseline): median ${median(empty).toFixed(2)} ms, ${spread(empty, 2)} ms; ` +
      `${(runs[0]!.lastKeyBytes / 1000).toFixed(1)} kB written for the last key`,
  };
}
