/** What every bench row uses: the plan, running and timing processes, the row types, the context. */
import {spawn, type StdioOptions} from 'node:child_process';
import {closeSync, openSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Simulator} from '../test/support/simulator.js';
import {median, readResult} from './bench-support.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const GEMMA_BIN = join(ROOT, 'bin', 'gemma.js');
export const DIST_ENTRY = join(ROOT, 'dist', 'gemma.cjs');
export const NODE = process.execPath;
export const MB = 1e6;
export const MEMORY_GOAL = 150 * MB;

const argv = process.argv.slice(2);
export const QUICK = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const onlyIndex = argv.indexOf('--only');
export const ONLY = onlyIndex >= 0 ? new Set((argv[onlyIndex + 1] ?? '').split(',').filter(Boolean)) : undefined;

export const PLAN = QUICK
  ? {warmups: 1, fastRuns: 2, streamRuns: 1, streamTokens: 200, turns: 3, renderTokens: 200, renderRuns: 1, memoryRuns: 1}
  : {warmups: 2, fastRuns: 10, streamRuns: 5, streamTokens: 40_000, turns: 300, renderTokens: 2000, renderRuns: 5, memoryRuns: 3};

// ---------------------------------------------------------------------------------------------
// Running and timing processes

export interface Run {
  ms: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The first 64 KiB of stdout (when piped). */
  stdout: string;
  stdoutBytes: number;
  stderr: string;
}

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  /** Written to a stdin pipe and closed; undefined: stdin is /dev/null. */
  stdin?: string;
  /** 'null': stdout goes straight to /dev/null (no pipe to drain). */
  stdout?: 'pipe' | 'null';
  timeoutMs?: number;
  /** Called with the child's pid once it runs. */
  onSpawn?: (pid: number) => void;
}

let devNull: number | undefined;

/** Closes the /dev/null descriptor `timed` opened, if it did. */
export function closeDevNull(): void {
  if (devNull !== undefined) closeSync(devNull);
  devNull = undefined;
}

/** Spawns and waits, timing from just before spawn() to the 'close' event with process.hrtime. */
export function timed(command: string, args: readonly string[], options: RunOptions): Promise<Run> {
  devNull ??= openSync('/dev/null', 'w');
  const stdio: StdioOptions = [options.stdin === undefined ? 'ignore' : 'pipe', options.stdout === 'null' ? devNull : 'pipe', 'pipe'];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {env: options.env, stdio});
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    let stdout = '';
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdout.length < 65_536) stdout += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 65_536) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      resolve({ms, code, signal, stdout, stdoutBytes, stderr});
    });
    if (child.stdin) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.stdin);
    }
  });
}

/** Throws unless the run exited 0 (and passes `check`, when given). */
export function expectOk(what: string, run: Run, check?: (run: Run) => string | undefined): Run {
  const problem = run.code !== 0 ? `exit ${run.code ?? run.signal}` : check?.(run);
  if (problem !== undefined) {
    throw new Error(`${what}: ${problem}\n  stdout: ${run.stdout.slice(0, 300)}\n  stderr: ${run.stderr.slice(0, 600)}`);
  }
  return run;
}

export interface Side {
  label: string;
  run: () => Promise<Run>;
}

export interface Timing {
  subject: number[];
  baseline: number[];
}

/** `warmups` pairs untimed, then `runs` pairs timed, each pair baseline first, then subject. */
export async function alternate(baseline: Side, subject: Side, runs: number): Promise<Timing> {
  for (let i = 0; i < PLAN.warmups; i++) {
    await baseline.run();
    await subject.run();
  }
  const timing: Timing = {subject: [], baseline: []};
  for (let i = 0; i < runs; i++) {
    timing.baseline.push((await baseline.run()).ms);
    timing.subject.push((await subject.run()).ms);
  }
  return timing;
}

/** The answer of every turn in the memory and resume rows: a bit of everything the renderer handles. */
export const MEMORY_ANSWER = [
  '## A simulated answer',
  '',
  'Here is a reply from the **Runware** test server — no real model wrote it. It exists so that',
  'clients can check rendering, streaming and accounting, with `inline code`, *emphasis* and a café.',
  '',
  '- the answer arrives one token at a time;',
  '- a list, a quote and a highlighted code block follow;',
  '- usage and cost are deterministic.',
  '',
  '> A quoted line, rendered as a quote.',
  '',
  '```ts',
  'export function greet(name: string): string {',
  '  const greeting = `Hello, ${name}!`;',
  '  return greeting.toUpperCase();',
  '}',
  '```',
  '',
  'Ask again and you will get exactly the same words back.',
].join('\n');
export const MEMORY_MARK = '## A simulated answer';

// ---------------------------------------------------------------------------------------------
// Rows

export interface RatioRow {
  kind: 'ratio';
  key: string;
  label: string;
  value: number;
  baseline: number;
  baselineLabel: string;
  /** 'ms' and 'ms/token' print as times; anything else prints as `value unit`. */
  unit: string;
  goal: number;
  detail: string;
}

/** A figure against a fixed goal (time to prompt, writes per chunk, ...): passes when value <= goal. */
export interface LimitRow {
  kind: 'limit';
  key: string;
  label: string;
  value: number;
  unit: string;
  goal: number;
  detail: string;
}

export interface MemoryRow {
  kind: 'memory';
  key: string;
  label: string;
  /** The median of the sessions' peaks. */
  bytes: number;
  detail: string;
}

export interface ErrorRow {
  kind: 'error';
  key: string;
  label: string;
  error: string;
}

export type Row = RatioRow | LimitRow | MemoryRow | ErrorRow;

export interface Context {
  sim: Simulator;
  root: string;
  env: NodeJS.ProcessEnv;
  bundle: () => Promise<{render: string; memory: string}>;
}

export const size = (bytes: number): string => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${(bytes / 1000).toFixed(1)} kB`);

export const spread = (values: readonly number[], digits: number): string =>
  `${values.length} runs, min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)}`;

export function ratioRow(key: string, label: string, baselineLabel: string, goal: number, timing: Timing): RatioRow {
  return {
    kind: 'ratio',
    key,
    label,
    value: median(timing.subject),
    baseline: median(timing.baseline),
    baselineLabel,
    unit: 'ms',
    goal,
    detail: `subject ${spread(timing.subject, 1)} ms; baseline ${spread(timing.baseline, 1)} ms`,
  };
}

export const nodeNothing = (ctx: Context): Side => ({
  label: 'node -e 0',
  run: async () => expectOk('node -e 0', await timed(NODE, ['-e', '0'], {env: ctx.env})),
});

export const gemma = (ctx: Context, args: string[], options: Partial<RunOptions> = {}) => timed(NODE, [GEMMA_BIN, ...args], {env: ctx.env, ...options});

/** Runs a bundled bench child with plain node and returns its result line. */
export async function benchChild<T>(what: string, script: string, args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = []): Promise<{result: T; run: Run}> {
  const run = expectOk(what, await timed(NODE, [...nodeFlags, script, ...args, '--json'], {env, timeoutMs: 600_000}));
  const result = readResult<T>(run.stdout);
  if (result === undefined) throw new Error(`${what}: no result line\n  stdout: ${run.stdout.slice(0, 300)}\n  stderr: ${run.stderr.slice(0, 600)}`);
  return {result, run};
}

export const mbList = (values: readonly number[]): string => values.map((v) => (v / MB).toFixed(1)).join(', ');

export function formatValue(value: number, unit: string): string {
  if (unit === 'ms') return `${value.toFixed(1)} ms`;
  if (unit === 'ms/token') return `${value.toFixed(4)} ms/token`;
  return `${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`;
}

/**
 * Bundles bench children with esbuild into `outdir` as ES modules (`<name>.mjs`) run by plain
 * node, as gemma itself runs: tsx's loader would add ~40 MB to memory figures. `as: 'gemma-ui'`
 * builds them as scripts/build.mjs builds the chat UI (its plugins: yoga loaded synchronously,
 * highlight.js and marked on first use, string-width's wider fast path), so a UI bench measures
 * what dist/ runs; `as: 'plain'` is a plain ink app (the floor the chat is compared with).
 */
export async function bundleBenchChildren(entries: Record<string, string>, outdir: string, as: 'gemma-ui' | 'plain'): Promise<Record<string, string>> {
  const [{build}, plugins] = await Promise.all([
    import('esbuild'),
    // @ts-expect-error: a plain .mjs build script, no types
    as === 'gemma-ui' ? import('../scripts/ui-build-plugins.mjs').then((m) => [m.syncYoga, m.syncInkReconciler, m.lazyModules, m.narrowStringWidth]) : Promise.resolve([]),
  ]);
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(ROOT, path)])),
    outdir,
    outExtension: {'.js': '.mjs'},
    bundle: true,
    // As in scripts/build.mjs: ink's devtools (and react-devtools-core) stay in a chunk never loaded.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'bundle',
    external: ['react-devtools-core'],
    // React's production build, minified, as the UI ships.
    define: {GEMMA_VERSION: JSON.stringify('bench'), 'process.env.NODE_ENV': '"production"'},
    minify: true,
    keepNames: true,
    logLevel: 'warning',
    supported: {'regexp-set-notation': true},
    plugins: plugins as never[],
    banner: {js: "import {createRequire as __benchCreateRequire} from 'node:module'; const require = __benchCreateRequire(import.meta.url);"},
  });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, join(outdir, `${name}.mjs`)]));
}

/** A process's peak resident memory so far (Linux), while it runs; undefined once it is gone. */
export function vmHwmOf(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
