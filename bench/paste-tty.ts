/**
 * The paste bench in a real pseudo-terminal: `gemma chat --no-save` (bin/gemma.js, as a user runs
 * it) under util-linux `script`, its terminal set to 100x40. Times from writing to the terminal
 * until gemma has written a frame showing the result: a 3,000-line bracketed paste, then keys
 * one at a time, and keys on an empty prompt as the baseline. What gemma writes per key (a frame,
 * or the whole screen reprinted) goes through the pty as it would to a terminal.
 *
 * Usage: node --import tsx bench/paste-tty.ts [gemma.js] [lines] [keys]   (bench/paste-row.ts runs it in process)
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {GEMMA_BIN, NODE} from './bench-kit.js';
import {isMain, median} from './bench-support.js';
import {pastedLines} from './paste-lines.js';

export interface PasteTty {
  lines: number;
  pasteMs: number;
  keysAfterPaste: number[];
  keysEmpty: number[];
  /** Bytes gemma wrote to the terminal for the last key after the paste. */
  lastKeyBytes: number;
}

export interface PasteTtyOptions {
  env: NodeJS.ProcessEnv;
  bin?: string;
  lines?: number;
  keys?: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** gemma chat in a pty; `send` writes and resolves once the output since then holds `needle`. */
function startChat(env: NodeJS.ProcessEnv, bin: string) {
  // PASTE_TTY_NODE_FLAGS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, to profile gemma itself.
  const flags = process.env.PASTE_TTY_NODE_FLAGS ?? '';
  const command = `stty cols 100 rows 40; exec '${NODE}' ${flags} '${bin}' chat --no-save`;
  const child: ChildProcessWithoutNullStreams = spawn('script', ['-qfec', command, '/dev/null'], {env: {...env, TERM: 'xterm-256color'}});
  let seen = '';
  let bytes = 0;
  let waiter: {needle: string; resolve: () => void} | undefined;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    bytes += chunk.length;
    // Only the end is kept: enough to find a needle cut across reads.
    seen = (seen + chunk).slice(-4096);
    if (waiter && seen.includes(waiter.needle)) {
      const {resolve} = waiter;
      waiter = undefined;
      resolve();
    }
  });
  const wait = (needle: string, timeoutMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      if (seen.includes(needle)) return resolve();
      const timer = setTimeout(() => reject(new Error(`no frame showed ${JSON.stringify(needle.slice(-40))} in ${timeoutMs} ms`)), timeoutMs);
      waiter = {
        needle,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
  const send = async (input: string, needle: string, timeoutMs = 300_000): Promise<{ms: number; bytes: number}> => {
    seen = '';
    const before = bytes;
    const started = process.hrtime.bigint();
    const shown = wait(needle, timeoutMs);
    child.stdin.write(input);
    await shown;
    return {ms: Number(process.hrtime.bigint() - started) / 1e6, bytes: bytes - before};
  };
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('close', () => resolve());
      child.kill('SIGTERM');
    });
  return {ready: () => wait('›', 30_000), send, stop};
}

async function typeKeys(chat: ReturnType<typeof startChat>, before: string, count: number): Promise<{ms: number[]; bytes: number}> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 1; i <= count; i++) {
    const shown = await chat.send('q', `${before}${'q'.repeat(i)}`);
    ms.push(shown.ms);
    bytes = shown.bytes;
    // Past ink's 30 fps throttle, so each key is the first thing drawn after idle.
    await pause(50);
  }
  return {ms, bytes};
}

export async function measurePasteTty({env, bin = GEMMA_BIN, lines = 3000, keys = 20}: PasteTtyOptions): Promise<PasteTty> {
  const empty = startChat(env, bin);
  let keysEmpty: number[];
  try {
    await empty.ready();
    await pause(300);
    keysEmpty = (await typeKeys(empty, '› ', keys)).ms;
  } finally {
    await empty.stop();
  }

  const chat = startChat(env, bin);
  try {
    await chat.ready();
    await pause(300);
    const paste = await chat.send(`\x1b[200~${pastedLines(lines)}\x1b[201~`, 'PASTE-END');
    await pause(300);
    const after = await typeKeys(chat, 'PASTE-END', keys);
    return {lines, pasteMs: paste.ms, keysAfterPaste: after.ms, keysEmpty, lastKeyBytes: after.bytes};
  } finally {
    await chat.stop();
  }
}

if (isMain(import.meta.url)) {
  const [bin, lines, keys] = process.argv.slice(2);
  const env = {...process.env, RUNWARE_API_KEY: process.env.RUNWARE_API_KEY ?? 'bench-key', RUNWARE_BASE_URL: process.env.RUNWARE_BASE_URL ?? 'http://127.0.0.1:9/v1', NO_COLOR: '1'};
  const result = await measurePasteTty({env, bin: bin || undefined, lines: Number(lines) || undefined, keys: Number(keys) || undefined});
  process.stdout.write(
    `pty: ${result.lines}-line paste visible in ${result.pasteMs.toFixed(1)} ms; key after it: median ${median(result.keysAfterPaste).toFixed(2)} ms ` +
      `(${result.keysAfterPaste.map((v) => v.toFixed(1)).join(', ')}), ${result.lastKeyBytes} bytes written; empty prompt: median ${median(result.keysEmpty).toFixed(2)} ms\n`,
  );
}
