/**
 * `npm run bench`: the issue's performance goals, each measured against a baseline in the same run.
 *
 *   npm run build && npm run bench            # full run (a few minutes)
 *   npm run bench -- --quick                  # tiny inputs, 1-2 runs per row (also BENCH_QUICK=1)
 *   npm run bench -- --only version,stream    # some rows: version ask stream chat render memory-ui memory-plain writes stream-floor
 *
 * Runs the built CLI (bin/gemma.js -> dist/): it builds nothing, so run `npm run build` first.
 * The simulator runs in this process (port 0, no token delay, coalescing writes); every CLI run gets a private temp
 * config/data folder and NO_COLOR=1. Timed rows alternate baseline and subject runs after a
 * warm-up and compare medians of wall time (spawn to exit). Prints a markdown table; exits 0 even
 * when a goal is missed (timings are noisy), 1 when a row crashed, 2 when dist/ is missing.
 */
import {randomUUID} from 'node:crypto';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fillerText} from '../test/support/simulator-answer.js';
import {startSimulator} from '../test/support/simulator.js';
import {
  alternate,
  benchChild,
  bundleBenchChildren,
  closeDevNull,
  type Context,
  DIST_ENTRY,
  expectOk,
  formatValue,
  gemma,
  GEMMA_BIN,
  MB,
  mbList,
  MEMORY_ANSWER,
  MEMORY_GOAL,
  MEMORY_MARK,
  NODE,
  nodeNothing,
  ONLY,
  PLAN,
  QUICK,
  ratioRow,
  ROOT,
  type Row,
  type Run,
  type Side,
  size,
  timed,
} from './bench-kit.js';
import {chatStartRow} from './chat-start-row.js';
import type {ChatMemory} from './chat-memory.js';
import type {RenderCost} from './chat-render.js';
import {median} from './bench-support.js';
import {paragraphLimitRow, paragraphRow} from './paragraph-row.js';
import {pasteKeyRow, pasteLineRow, pasteRow, pasteTtyKeyRow, pasteTtyRow} from './paste-row.js';
import {resumeRow} from './resume-row.js';
import {streamFloorRow} from './stream-floor-row.js';
import {writesRow} from './writes-row.js';

const ROW_KEYS = ['version', 'ask', 'stream', 'chat', 'render', 'memory-ui', 'memory-plain', 'writes', 'stream-floor', 'chat-start', 'resume', 'paste', 'paste-key', 'paste-line', 'paste-tty', 'paste-tty-key', 'paragraph', 'paragraph-limit'] as const;
type RowKey = (typeof ROW_KEYS)[number];
// A new row: write it in its own bench/<key>-row.ts (the kit is bench-kit.ts), then add its key above and to ROWS.


async function versionRow(ctx: Context): Promise<Row> {
  const {version} = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {version: string};
  const subject: Side = {
    label: 'gemma --version',
    run: async () => expectOk('gemma --version', await gemma(ctx, ['--version']), (r) => (r.stdout.trim() === version ? undefined : `expected ${version} on stdout`)),
  };
  return ratioRow('version', '`gemma --version`', '`node -e 0`', 1.6, await alternate(nodeNothing(ctx), subject, PLAN.fastRuns));
}

async function askRow(ctx: Context): Promise<Row> {
  ctx.sim.reset();
  ctx.sim.setDefault({reasoning: ''});
  const subject: Side = {
    label: 'gemma ask hi --no-stream',
    run: async () =>
      expectOk('gemma ask hi --no-stream', await gemma(ctx, ['ask', 'hi', '--no-stream']), (r) => (r.stdout.startsWith('You said: hi') ? undefined : 'no answer on stdout')),
  };
  const row = ratioRow('ask', '`gemma ask hi --no-stream` (simulator)', '`node -e 0`', 2.2, await alternate(nodeNothing(ctx), subject, PLAN.fastRuns));
  // The timed runs use the code cache the warm-up wrote, as every run after a command's first
  // does. The first run after an install or upgrade compiles from source: say what that costs.
  const cold: number[] = [];
  for (let i = 0; i < Math.min(5, PLAN.fastRuns); i++) {
    const cacheDir = mkdtempSync(join(ctx.root, 'cold-cache-'));
    const run = expectOk('gemma ask hi --no-stream (no code cache)', await gemma(ctx, ['ask', 'hi', '--no-stream'], {env: {...ctx.env, GEMMA_CACHE_DIR: cacheDir}}));
    cold.push(run.ms);
  }
  row.detail += `; first run of the command (no code cache yet, then writes it): median ${median(cold).toFixed(1)} ms of ${cold.length}`;
  return row;
}

async function streamRow(ctx: Context): Promise<Row> {
  const tokens = PLAN.streamTokens;
  ctx.sim.reset();
  ctx.sim.setDefault({tokens, reasoning: ''});
  const expectedBytes = Buffer.byteLength(fillerText(tokens));

  // One checked run with stdout piped: the whole answer arrives, and we learn the exact request.
  const check = expectOk('gemma ask hi (stream)', await gemma(ctx, ['ask', 'hi'], {stdout: 'pipe'}), (r) =>
    r.stdoutBytes >= expectedBytes && r.stdoutBytes <= expectedBytes + 1 ? undefined : `stdout has ${r.stdoutBytes} bytes, expected ${expectedBytes}`,
  );
  void check;
  const sent = ctx.sim.requests.at(-1);
  const sentTask = (sent?.body as Array<{taskUUID?: string; deliveryMethod?: string}> | undefined)?.[0];
  if (!sent || sentTask?.deliveryMethod !== 'stream' || !sentTask.taskUUID) throw new Error('gemma ask did not send a stream request');
  const template = sent.rawBody;
  const oldUuid = sentTask.taskUUID;

  // curl gets the same body byte for byte, but for a fresh taskUUID (the simulator refuses reuse).
  const bodyFile = join(ctx.root, 'stream-body.json');
  const curlArgs = (out: string) => [
    '-sN',
    '-H', `Authorization: Bearer ${ctx.sim.apiKey}`,
    '-H', 'Content-Type: application/json',
    '--data-binary', `@${bodyFile}`,
    ctx.sim.url,
    '-o', out,
    '-w', '%{http_code}',
  ];
  const curl = async (out: string): Promise<Run> => {
    writeFileSync(bodyFile, template.replace(oldUuid, randomUUID()));
    return expectOk('curl', await timed('curl', curlArgs(out), {env: ctx.env}), (r) => (r.stdout === '200' ? undefined : `HTTP ${r.stdout}`));
  };
  const curlCopy = join(ctx.root, 'stream-curl.txt');
  await curl(curlCopy);
  const copy = readFileSync(curlCopy, 'utf8');
  if (!copy.endsWith('data: [DONE]\n\n')) throw new Error('curl did not receive the whole stream');
  const streamBytes = Buffer.byteLength(copy);

  const baseline: Side = {label: 'curl -sN', run: () => curl('/dev/null')};
  const subject: Side = {label: 'gemma ask hi', run: async () => expectOk('gemma ask hi (stream)', await gemma(ctx, ['ask', 'hi'], {stdout: 'null'}))};
  const row = ratioRow('stream', `stream of ${tokens.toLocaleString('en-US')} tokens to /dev/null: \`gemma ask hi\``, '`curl -sN`', 1.5, await alternate(baseline, subject, PLAN.streamRuns));
  row.detail += `; ${size(streamBytes)} of SSE, ${size(expectedBytes)} of text`;
  ctx.sim.reset();
  return row;
}

async function chatRow(ctx: Context): Promise<Row> {
  ctx.sim.reset();
  ctx.sim.setDefault({reasoning: ''});
  const subject: Side = {
    label: "printf 'hi\\n' | gemma chat --no-save",
    run: async () =>
      expectOk('gemma chat --no-save', await gemma(ctx, ['chat', '--no-save'], {stdin: 'hi\n'}), (r) => (r.stdout.startsWith('You said: hi') ? undefined : 'no answer on stdout')),
  };
  return ratioRow('chat', "one turn of `printf 'hi\\n' \\| gemma chat --no-save`", '`node -e 0`', 3.0, await alternate(nodeNothing(ctx), subject, PLAN.fastRuns));
}

async function renderRow(ctx: Context): Promise<Row> {
  const {render} = await ctx.bundle();
  const {result} = await benchChild<RenderCost>('chat render bench', render, [String(PLAN.turns), String(PLAN.renderTokens), String(PLAN.renderRuns)], ctx.env, ['--expose-gc']);
  return {
    kind: 'ratio',
    key: 'render',
    label: `chat UI render cost per token, turn ${result.turns} (${result.tokens}-token answer)`,
    value: result.turnN,
    baseline: result.turn1,
    baselineLabel: 'turn 1',
    unit: 'ms/token',
    goal: 1.2,
    detail: `turn ${result.turns}: ${result.samplesN.map((v) => v.toFixed(4)).join(', ')}; turn 1: ${result.samples1.map((v) => v.toFixed(4)).join(', ')} (CPU ms per token)`,
  };
}

async function memoryUiRow(ctx: Context): Promise<Row> {
  const {memory} = await ctx.bundle();
  ctx.sim.reset();
  ctx.sim.setDefault({answer: MEMORY_ANSWER, reasoning: ''});
  const results: ChatMemory[] = [];
  let ms = 0;
  for (let i = 0; i < PLAN.memoryRuns; i++) {
    const {result, run} = await benchChild<ChatMemory>('chat memory bench', memory, [String(PLAN.turns)], ctx.env);
    results.push(result);
    ms += run.ms;
    ctx.sim.reset();
    ctx.sim.setDefault({answer: MEMORY_ANSWER, reasoning: ''});
  }
  ctx.sim.reset();
  const peaks = results.map((r) => r.peakRss);
  const typical = [...results].sort((a, b) => a.peakRss - b.peakRss)[Math.floor(results.length / 2)]!;
  const how = typical.vmHwm === undefined ? 'rss sampled every 10 ms' : 'VmHWM (rss also sampled every 10 ms)';
  return {
    kind: 'memory',
    key: 'memory-ui',
    label: `peak RSS, ${typical.turns}-turn chat in the terminal UI (ink, markdown answers)`,
    bytes: median(peaks),
    detail:
      `${results.length} sessions, peaks ${mbList(peaks)} MB (${how}); in the median one, at the end: rss ${(typical.finalRss / MB).toFixed(1)} MB, ` +
      `heap used ${(typical.finalHeapUsed / MB).toFixed(1)} of ${(typical.finalHeapTotal / MB).toFixed(1)} MB, external ${(typical.finalExternal / MB).toFixed(1)} MB; ` +
      `${(typical.answerChars / 1000).toFixed(0)}k chars of answers; ${(ms / 1000 / results.length).toFixed(1)} s per session`,
  };
}

function vmHwmOf(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** One piped session of `turns` lines: its peak RSS, bytes, and the run. */
async function plainSession(ctx: Context, turns: number): Promise<{bytes: number; how: string; run: Run}> {
  const input = Array.from({length: turns}, (_, i) => `question ${i}: tell me about item ${i}\n`).join('');
  const countAnswers = (r: Run) => {
    const answers = r.stdout.length < 65_536 ? r.stdout.split(MEMORY_MARK).length - 1 : turns;
    return answers === turns ? undefined : `${answers} answers on stdout, expected ${turns}`;
  };
  if (existsSync('/usr/bin/time')) {
    const timeFile = join(ctx.root, 'time-peak.txt');
    const run = expectOk('/usr/bin/time gemma chat --no-save', await timed('/usr/bin/time', ['-f', '%M', '-o', timeFile, NODE, GEMMA_BIN, 'chat', '--no-save'], {env: ctx.env, stdin: input, timeoutMs: 600_000}), countAnswers);
    const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
    if (!Number.isFinite(kb) || kb <= 0) throw new Error(`/usr/bin/time wrote no peak: ${readFileSync(timeFile, 'utf8')}`);
    return {bytes: kb * 1024, how: '/usr/bin/time %M', run};
  }
  let peak = 0;
  let poller: NodeJS.Timeout | undefined;
  const run = expectOk(
    'gemma chat --no-save',
    await timed(NODE, [GEMMA_BIN, 'chat', '--no-save'], {
      env: ctx.env,
      stdin: input,
      timeoutMs: 600_000,
      onSpawn: (pid) => {
        poller = setInterval(() => (peak = Math.max(peak, vmHwmOf(pid) ?? 0)), 20);
      },
    }),
    countAnswers,
  );
  clearInterval(poller);
  if (peak === 0) throw new Error('could not read the peak RSS (no /usr/bin/time, no /proc/<pid>/status)');
  return {bytes: peak, how: 'VmHWM polled every 20 ms', run};
}

async function memoryPlainRow(ctx: Context): Promise<Row> {
  const turns = PLAN.turns;
  const sessions: Array<{bytes: number; how: string; run: Run}> = [];
  for (let i = 0; i < PLAN.memoryRuns; i++) {
    ctx.sim.reset();
    ctx.sim.setDefault({answer: MEMORY_ANSWER, reasoning: ''});
    sessions.push(await plainSession(ctx, turns));
  }
  ctx.sim.reset();
  const peaks = sessions.map((s) => s.bytes);
  const seconds = sessions.reduce((sum, s) => sum + s.run.ms, 0) / 1000 / sessions.length;
  return {
    kind: 'memory',
    key: 'memory-plain',
    label: `peak RSS, ${turns}-turn chat, piped (\`gemma chat --no-save\`, ${turns} stdin lines)`,
    bytes: median(peaks),
    detail: `${sessions.length} sessions, peaks ${mbList(peaks)} MB (${sessions[0]!.how}); ${seconds.toFixed(1)} s per session; ${size(sessions[0]!.run.stdoutBytes)} of answers`,
  };
}

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
