/**
 * The chat-start row: time from spawn to the prompt drawn, `gemma chat --no-save` against an ink
 * floor app (bench/ink-floor-app.tsx: a header and a `› ` prompt, the least an ink + React app
 * does to show what the chat first shows), both in a real pseudo-terminal (script(1), 100x30),
 * alternated in one run.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {join} from 'node:path';
import {alternate, bundleBenchChildren, type Context, expectOk, GEMMA_BIN, NODE, PLAN, ratioRow, type Row, type Run, type Side} from './bench-kit.js';
import {median} from './bench-support.js';

/** Both draw it; ink writes a frame in one go, so seeing it means the prompt is on screen. */
const PROMPT = '› ';
const GEMMA_HEADER = 'gemma · ';

const shellQuote = (word: string): string => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Runs `command` in a pseudo-terminal of its own and times it from just before spawn() to the
 * first output holding `PROMPT`; then types Ctrl-D (both leave on it) and waits for the exit.
 * `stdout` holds what the terminal showed. Ctrl-D is typed again every 100 ms: one typed before
 * the app has put the terminal in raw mode is taken by the terminal as end of input.
 */
function timeToPrompt(command: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<Run> {
  // script(1) gives the command a terminal; its size comes from stty, as there is none to copy.
  const inner = `stty cols 100 rows 30; exec ${command.map(shellQuote).join(' ')}`;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('script', ['-q', '-e', '-c', inner, '/dev/null'], {env: {...env, TERM: 'xterm-256color'}, stdio: ['pipe', 'pipe', 'pipe']});
    let screen = '';
    let stderr = '';
    let ms: number | undefined;
    let leave: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      if (ms !== undefined || !screen.includes(PROMPT)) return;
      ms = Number(process.hrtime.bigint() - started) / 1e6;
      leave = setInterval(() => child.stdin.write('\x04'), 100);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      clearInterval(leave);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(leave);
      if (ms === undefined) stderr += `\nno prompt within ${timeoutMs} ms`;
      resolve({ms: ms ?? Number.NaN, code: ms === undefined ? -1 : code, signal, stdout: screen, stdoutBytes: Buffer.byteLength(screen), stderr});
    });
  });
}

/** The floor app bundled as a plain ink app is: one ES module, production React, minified. */
async function bundleFloorApp(outdir: string): Promise<string> {
  return (await bundleBenchChildren({'ink-floor-app': 'bench/ink-floor-app.tsx'}, outdir, 'plain'))['ink-floor-app']!;
}

export async function chatStartRow(ctx: Context): Promise<Row> {
  const floorApp = await bundleFloorApp(join(ctx.root, 'ink-floor'));
  const sawHeader = (run: Run) => (run.stdout.includes(GEMMA_HEADER) ? undefined : `no "${GEMMA_HEADER}" header on the screen`);
  const gemmaChat = (env: NodeJS.ProcessEnv) => timeToPrompt([NODE, GEMMA_BIN, 'chat', '--no-save'], env);
  const baseline: Side = {label: 'ink floor app', run: async () => expectOk('ink floor app', await timeToPrompt([NODE, floorApp], ctx.env))};
  const subject: Side = {label: 'gemma chat --no-save', run: async () => expectOk('gemma chat --no-save', await gemmaChat(ctx.env), sawHeader)};
  const row = ratioRow('chat-start', 'time to the prompt in a terminal: `gemma chat --no-save`', 'ink floor app', 1.3, await alternate(baseline, subject, PLAN.fastRuns));
  // The timed runs use the code caches the warm-up wrote. The first chat after an install or
  // upgrade compiles the CLI and the UI from source: say what that costs.
  const cold: number[] = [];
  for (let i = 0; i < Math.min(5, PLAN.fastRuns); i++) {
    const env = {...ctx.env, GEMMA_CACHE_DIR: mkdtempSync(join(ctx.root, 'cold-cache-'))};
    cold.push(expectOk('gemma chat --no-save (no code cache)', await gemmaChat(env), sawHeader).ms);
  }
  row.detail += `; first chat (no code cache yet, then writes it): median ${median(cold).toFixed(1)} ms of ${cold.length}`;
  return row;
}
