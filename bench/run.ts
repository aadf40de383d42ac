/**
 * `npm run bench`: the issue's performance goals, each measured against a baseline in the same run.
 *
 *   npm run build && npm run bench            # full run (a few minutes)
 *   npm run bench -- --quick                  # tiny inputs, 1-2 runs per row (also BENCH_QUICK=1)
 *   npm run bench -- --only version,stream    # some rows (the keys are ROW_KEYS below)
 *
 * Runs the built CLI (bin/gemma.js -> dist/): it builds nothing, so run `npm run build` first.
 * The simulator runs in this process (port 0, no token delay, coalescing writes); every CLI run gets a private temp
 * config/data folder and NO_COLOR=1. Timed rows alternate baseline and subject runs after a
 * warm-up and compare medians of wall time (spawn to exit). Prints a markdown table; exits 0 even
 * when a goal is missed (timings are noisy), 1 when a row crashed, 2 when dist/ is missing.
 */
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startSimulator} from '../test/support/simulator.js';
import {bundleBenchChildren, closeDevNull, type Context, DIST_ENTRY, formatValue, MB, MEMORY_GOAL, ONLY, QUICK, ROOT, type Row} from './bench-kit.js';
import {askRow} from './ask-row.js';
import {batchMemoryRow, batchRow} from './batch-row.js';
import {chatRow} from './chat-row.js';
import {chatStartRow} from './chat-start-row.js';
import {memoryPlainRow} from './memory-plain-row.js';
import {memoryUiRow} from './memory-ui-row.js';
import {paragraphLimitRow, paragraphRow} from './paragraph-row.js';
import {pasteKeyRow, pasteLineRow, pasteRow, pasteTtyKeyRow, pasteTtyRow} from './paste-row.js';
import {renderRow} from './render-row.js';
import {resumeRow} from './resume-row.js';
import {streamRow} from './stream-row.js';
import {streamFloorRow} from './stream-floor-row.js';
import {versionRow} from './version-row.js';
import {writesRow} from './writes-row.js';

const ROW_KEYS = ['version', 'ask', 'stream', 'chat', 'render', 'memory-ui', 'memory-plain', 'writes', 'stream-floor', 'chat-start', 'resume', 'paste', 'paste-key', 'paste-line', 'paste-tty', 'paste-tty-key', 'paragraph', 'paragraph-limit', 'batch', 'batch-memory'] as const;
type RowKey = (typeof ROW_KEYS)[number];
// A new row: write it in its own bench/<key>-row.ts (the kit is bench-kit.ts), then add its key above and to ROWS.

const ROWS: Record<RowKey, {label: string; run: (ctx: Context) => Promise<Row>}> = {
  version: {label: '`gemma --version`', run: versionRow},
  ask: {label: '`gemma ask hi --no-stream` (simulator)', run: askRow},
  stream: {label: 'stream to /dev/null: `gemma ask hi`', run: streamRow},
  chat: {label: "one turn of `printf 'hi\\n' \\| gemma chat --no-save`", run: chatRow},
  render: {label: 'chat UI render cost per token', run: renderRow},
  'memory-ui': {label: 'peak RSS, chat in the terminal UI', run: memoryUiRow},
  'memory-plain': {label: 'peak RSS, piped chat', run: memoryPlainRow},
  writes: {label: 'answer writes per chunk read, `gemma ask hi` to a pipe', run: writesRow},
  'stream-floor': {label: 'stream to /dev/null: `gemma ask hi` against a bare node:http client', run: streamFloorRow},
  'chat-start': {label: 'time to the prompt in a terminal: `gemma chat --no-save`', run: chatStartRow},
  resume: {label: '`gemma chat -c` on a long session: time to prompt', run: resumeRow},
  paste: {label: 'chat prompt: large paste until shown', run: pasteRow},
  'paste-key': {label: 'chat prompt: key after a large paste', run: pasteKeyRow},
  'paste-line': {label: 'chat prompt: 100 kB one-line paste', run: pasteLineRow},
  'paste-tty': {label: 'chat prompt in a pty: large paste', run: pasteTtyRow},
  'paste-tty-key': {label: 'chat prompt in a pty: key after a large paste', run: pasteTtyKeyRow},
  paragraph: {label: 'CPU per token, one paragraph vs paragraphs', run: paragraphRow},
  'paragraph-limit': {label: 'a 40,000-token paragraph, Enter to its footer', run: paragraphLimitRow},
  batch: {label: 'gemma batch: 1,000 prompts, 200 ms latency, -j 16', run: batchRow},
  'batch-memory': {label: 'gemma batch peak RSS, 100,000 prompts vs 1,000', run: batchMemoryRow},
};

// ---------------------------------------------------------------------------------------------
// The table

function tableLines(rows: readonly Row[]): string[] {
  const lines = ['| row | median | baseline (median) | ratio | goal | result |', '| --- | --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    if (row.kind === 'ratio') {
      const ratio = row.value / row.baseline;
      lines.push(`| ${row.label} | ${formatValue(row.value, row.unit)} | ${formatValue(row.baseline, row.unit)} (${row.baselineLabel}) | ${ratio.toFixed(2)} | ≤ ${row.goal.toFixed(1)} | ${ratio <= row.goal ? 'PASS' : 'FAIL'} |`);
    } else if (row.kind === 'limit') {
      lines.push(`| ${row.label} | ${formatValue(row.value, row.unit)} | — | — | ≤ ${formatValue(row.goal, row.unit)} | ${row.value <= row.goal ? 'PASS' : 'FAIL'} |`);
    } else if (row.kind === 'memory') {
      lines.push(`| ${row.label} | ${(row.bytes / MB).toFixed(1)} MB | — | — | ≤ ${MEMORY_GOAL / MB} MB | ${row.bytes <= MEMORY_GOAL ? 'PASS' : 'FAIL'} |`);
    } else {
      lines.push(`| ${row.label} | — | — | — | — | ERROR |`);
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------

/** The newest modification time under `dir`, ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

async function bundleChildren(outdir: string): Promise<{render: string; memory: string}> {
  const paths = await bundleBenchChildren({'chat-render': 'bench/chat-render.tsx', 'chat-memory': 'bench/chat-memory.tsx'}, outdir, 'gemma-ui');
  return {render: paths['chat-render']!, memory: paths['chat-memory']!};
}

async function main(): Promise<number> {
  if (!existsSync(DIST_ENTRY)) {
    process.stderr.write('bench: dist/gemma.cjs is missing: run `npm run build` first (the bench measures the built CLI)\n');
    return 2;
  }
  if (newestMtime(join(ROOT, 'src')) > statSync(DIST_ENTRY).mtimeMs) {
    process.stderr.write('bench: warning: src/ has changed since the last build; run `npm run build` to measure the current code\n');
  }
  const keys = ROW_KEYS.filter((key) => !ONLY || ONLY.has(key));
  if (ONLY && keys.length !== ONLY.size) {
    process.stderr.write(`bench: --only takes a comma-separated list of: ${ROW_KEYS.join(', ')}\n`);
    return 2;
  }

  const root = mkdtempSync(join(tmpdir(), 'gemma-bench-'));
  const home = join(root, 'home');
  mkdirSync(home);
  // coalesce: a fast server's stream arrives in large chunks, so the client's cost is not hidden
  // behind one simulator write per event.
  const sim = await startSimulator({port: 0, tokenDelayMs: 0, coalesce: true});
  // A small, fixed environment: no real home or config, no CI (ink renders differently under CI).
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    GEMMA_CONFIG_DIR: join(home, 'config'),
    GEMMA_DATA_DIR: join(home, 'data'),
    NO_COLOR: '1',
    RUNWARE_BASE_URL: sim.url,
    RUNWARE_API_KEY: sim.apiKey,
  };
  let bundled: Promise<{render: string; memory: string}> | undefined;
  const ctx: Context = {sim, root, env, bundle: () => (bundled ??= bundleChildren(join(root, 'bundle')))};

  const started = Date.now();
  const rows: Row[] = [];
  try {
    process.stderr.write(`bench: ${QUICK ? 'quick run (tiny inputs, not for figures)' : 'full run'}, node ${process.version}, simulator ${sim.url}\n`);
    for (const key of keys) {
      const rowStarted = Date.now();
      process.stderr.write(`bench: ${key} ...`);
      try {
        rows.push(await ROWS[key].run(ctx));
        process.stderr.write(` ${((Date.now() - rowStarted) / 1000).toFixed(1)} s\n`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(` crashed\n${message}\n`);
        rows.push({kind: 'error', key, label: ROWS[key].label, error: message});
      }
    }
  } finally {
    await sim.close();
    closeDevNull();
    rmSync(root, {recursive: true, force: true});
  }

  const out = [
    '',
    ...tableLines(rows),
    '',
    ...rows.map((row) => `- ${row.key}: ${row.kind === 'error' ? `ERROR ${row.error.split('\n')[0]}` : row.detail}`),
    '',
    `${QUICK ? 'quick' : 'full'} run, ${((Date.now() - started) / 1000).toFixed(0)} s, node ${process.version}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return rows.some((row) => row.kind === 'error') ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
