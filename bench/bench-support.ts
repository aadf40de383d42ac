/** Pieces shared by the benches: a fake terminal for ink, a median, a peak-RSS probe, the result line. */
import {readFileSync} from 'node:fs';
import {PassThrough, Writable} from 'node:stream';
import {pathToFileURL} from 'node:url';

/**
 * A 100x40 "terminal" that swallows everything ink writes, and a raw-mode stdin that never types.
 * decodeStrings off: a real TTY stream hands strings to libuv as they are, without a Buffer copy.
 */
export function fakeTerminal(): {stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream} {
  const stdout = Object.assign(new Writable({decodeStrings: false, write: (_chunk, _encoding, done) => done()}), {columns: 100, rows: 40, isTTY: true});
  const stdin = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin});
  return {stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream};
}

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The kernel's high-water mark of this process's resident set (VmHWM), in bytes; undefined off Linux. */
export function ownPeakRss(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples process.memoryUsage.rss() every `everyMs` until stopped; `peak` is the largest sample. */
export function rssSampler(everyMs = 10): {readonly peak: number; stop(): number} {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  timer.unref();
  return {
    get peak() {
      return peak;
    },
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return peak;
    },
  };
}

/** The line a bench child prints for bench/run.ts (ink may write escape codes around it). */
const RESULT_MARK = 'BENCH_RESULT ';

export function printResult(value: unknown): void {
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(value)}\n`);
}

export function readResult<T>(stdout: string): T | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
  return line === undefined ? undefined : (JSON.parse(line.slice(RESULT_MARK.length)) as T);
}

/** True when `importMetaUrl` is the script node was started with (not when it is imported). */
export function isMain(importMetaUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && importMetaUrl === pathToFileURL(entry).href;
}
