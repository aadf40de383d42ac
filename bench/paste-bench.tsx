/**
 * How fast the chat's prompt takes a large paste and the keys typed after it: the real ChatApp
 * (with a ChatSession that never answers) rendered by ink into a fake 100x40 terminal. Times, with
 * process.hrtime, from writing to stdin until ink writes a frame that shows the result:
 *   - a 3,000-line bracketed paste (written 4 KB at a time, as a pty reads), until the frame shows its last line;
 *   - then ~20 single keys, each until the frame shows it (a pause between keys, so ink's 30 fps
 *     throttle never holds a frame back: each key is the first thing to render after idle);
 *   - the same keys on an empty prompt (the baseline);
 *   - a 100 KB single-line bracketed paste, until the frame shows its end.
 *
 * Usage: node --import tsx bench/paste-bench.tsx [lines] [keys] [--json]
 * bench/paste-row.ts runs a bundled copy with plain node (React's production build, as gemma runs).
 */
import {render} from 'ink';
import {Writable, PassThrough} from 'node:stream';
import {ChatSession} from '../src/chat/chat-session.js';
import {openInputHistory} from '../src/chat/input-history.js';
import {ChatApp} from '../src/ui/app.js';
import {isMain, median, printResult} from './bench-support.js';
import {longLine, pastedLines} from './paste-lines.js';

export interface PasteBench {
  lines: number;
  pasteBytes: number;
  /** ms from writing the multi-line paste to the frame showing its last line. */
  pasteMs: number;
  /** ms per key after the paste, in order. */
  keysAfterPaste: number[];
  /** ms per key on an empty prompt, in order. */
  keysEmpty: number[];
  /** CPU ms (user + system) of this process per key, after the paste and on an empty prompt: the wall times less the waiting. */
  cpuAfterPaste: number[];
  cpuEmpty: number[];
  longLineBytes: number;
  /** ms from writing the one-line paste to the frame showing its end. */
  longLineMs: number;
  /** Bytes ink wrote for the last key after the paste (a whole-screen redraw or one frame). */
  lastKeyFrameBytes: number;
}

const COLUMNS = 100;
const READ_BYTES = 4096;
const ROWS = 40;

/** A terminal that records what ink writes, so a wait can end on the frame that shows a string. */
function watchedTerminal() {
  let waiter: {needle: string; resolve: (bytes: number) => void} | undefined;
  const stdout = Object.assign(
    new Writable({
      decodeStrings: false,
      write(chunk: string | Buffer, _encoding, done) {
        const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
        if (waiter && text.includes(waiter.needle)) {
          const {resolve} = waiter;
          waiter = undefined;
          resolve(text.length);
        }
        done();
      },
    }),
    {columns: COLUMNS, rows: ROWS, isTTY: true},
  );
  const stdin = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin});
  /** Writes `input` and resolves with the ms until a frame holding `needle` is written, and its size. */
  const typeAndWait = (input: string, needle: string, timeoutMs = 600_000): Promise<{ms: number; cpu: number; bytes: number}> =>
    new Promise((resolve, reject) => {
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      const timer = setTimeout(() => reject(new Error(`no frame showed ${JSON.stringify(needle.slice(0, 40))}`)), timeoutMs);
      waiter = {
        needle,
        resolve: (bytes) => {
          clearTimeout(timer);
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const used = process.cpuUsage(cpu);
          resolve({ms, cpu: (used.user + used.system) / 1000, bytes});
        },
      };
      // As a pty hands a paste over: 4 KB a read, each read its own turn of the event loop.
      const feed = (from: number): void => {
        stdin.write(input.slice(from, from + READ_BYTES));
        if (from + READ_BYTES < input.length) setImmediate(() => feed(from + READ_BYTES));
      };
      feed(0);
    });
  return {stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, typeAndWait};
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bracketed = (text: string) => `\x1b[200~${text}\x1b[201~`;

function mountApp() {
  const term = watchedTerminal();
  const session = new ChatSession({
    layers: {env: {}, stored: {}},
    flags: new Map(),
    infer: () => {
      throw new Error('the paste bench never submits');
    },
    connect: (_settings, signal) => ({baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', timeoutMs: 1000, signal}),
  });
  const app = render(
    <ChatApp controller={session} history={openInputHistory(undefined)} color openEditor={async () => undefined} onExit={() => undefined} />,
    {stdin: term.stdin, stdout: term.stdout, exitOnCtrlC: false, patchConsole: false},
  );
  return {term, app};
}

/** Types `count` keys one at a time; each timed until the frame shows the text typed so far after `before`. */
async function typeKeys(term: ReturnType<typeof watchedTerminal>, before: string, count: number): Promise<{ms: number[]; cpu: number[]; bytes: number}> {
  const ms: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 1; i <= count; i++) {
    const seen = await term.typeAndWait('q', `${before}${'q'.repeat(i)}`);
    ms.push(seen.ms);
    cpu.push(seen.cpu);
    bytes = seen.bytes;
    await pause(50);
  }
  return {ms, cpu, bytes};
}

export async function measurePaste(lines = 3000, keys = 20, longBytes = 100_000): Promise<PasteBench> {
  // The baseline first: keys on an empty prompt.
  const empty = mountApp();
  await pause(100);
  const emptyKeys = await typeKeys(empty.term, '› ', keys);
  empty.app.unmount();

  const pasted = mountApp();
  await pause(100);
  const text = pastedLines(lines);
  const paste = await pasted.term.typeAndWait(bracketed(text), 'PASTE-END');
  await pause(100);
  const after = await typeKeys(pasted.term, 'PASTE-END', keys);
  pasted.app.unmount();

  const long = mountApp();
  await pause(100);
  const line = longLine(longBytes);
  const longPaste = await long.term.typeAndWait(bracketed(line), 'LONG-END');
  long.app.unmount();

  return {
    lines,
    pasteBytes: Buffer.byteLength(text),
    pasteMs: paste.ms,
    keysAfterPaste: after.ms,
    keysEmpty: emptyKeys.ms,
    cpuAfterPaste: after.cpu,
    cpuEmpty: emptyKeys.cpu,
    longLineBytes: Buffer.byteLength(line),
    longLineMs: longPaste.ms,
    lastKeyFrameBytes: after.bytes,
  };
}

if (isMain(import.meta.url)) {
  const json = process.argv.includes('--json');
  const [lines, keys, longBytes] = process.argv.slice(2).filter((arg) => !arg.startsWith('--')).map(Number);
  const result = await measurePaste(lines || undefined, keys || undefined, longBytes || undefined);
  if (json) printResult(result);
  else {
    process.stdout.write(
      `${result.lines}-line paste (${result.pasteBytes} bytes): visible in ${result.pasteMs.toFixed(1)} ms\n` +
        `key after it: median ${median(result.keysAfterPaste).toFixed(2)} ms (${result.keysAfterPaste.map((v) => v.toFixed(1)).join(', ')}); frame ${result.lastKeyFrameBytes} bytes\n` +
        `key on an empty prompt: median ${median(result.keysEmpty).toFixed(2)} ms\n` +
        `CPU per key: after the paste ${median(result.cpuAfterPaste).toFixed(2)} ms, on an empty prompt ${median(result.cpuEmpty).toFixed(2)} ms\n` +
        `${result.longLineBytes}-byte one-line paste: visible in ${result.longLineMs.toFixed(1)} ms\n`,
    );
  }
  process.exit(0);
}
