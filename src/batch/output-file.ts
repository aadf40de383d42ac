import * as fs from 'node:fs';
import {closeSync, constants, fstatSync, openSync, readSync, renameSync, rmSync} from 'node:fs';
import {createInterface} from 'node:readline';
import {ExitCode, GemmaError, UsageError} from '../errors.js';
import {fileErrorReason} from '../format/file-error.js';
import {formatResultLine, readResultLine, type ResultLine} from './output-line.js';
import {listProblems, ProblemList} from './problem-list.js';
import {idDigest, idKey} from './shard.js';

/** The calls a line's write makes; a test hands in failing ones (a full disk). */
export type LineFs = Pick<typeof fs, 'writeSync' | 'fsyncSync' | 'ftruncateSync' | 'fstatSync'>;

/** What an existing output file holds: the keys (idKey) of the ids done and of those that failed. */
export interface Checkpoint {
  done: Set<string>;
  failed: Set<string>;
  /** Bytes of a torn last line (a crash mid-write), cut off by `repairTornLine`; 0 when none. */
  tornBytes: number;
}

/**
 * Reads an output file back, streamed: which ids have a line. A last line without its newline
 * was torn by a crash (each line is one write) and does not count; `repairTornLine` cuts it
 * off before anything is appended. Any other line that is not a result line means the file is
 * not gemma's: refused (exit 2) rather than appended to.
 */
export async function readCheckpoint(path: string): Promise<Checkpoint> {
  const tornBytes = tornTailBytes(path);
  const checkpoint: Checkpoint = {done: new Set(), failed: new Set(), tornBytes};
  const problems = new ProblemList();
  const whole = fileSize(path) - tornBytes;
  if (whole === 0) return checkpoint;
  const stream = fs.createReadStream(path, {encoding: 'utf8', end: whole - 1});
  let line = 0;
  for await (const text of createInterface({input: stream, crlfDelay: Infinity})) {
    line += 1;
    if (text.trim() === '') continue;
    const result = readResultLine(text);
    if (!result) {
      problems.add(line, 'not a result line gemma batch wrote (a JSON object with an "id")');
      continue;
    }
    const key = idKey(idDigest(result.id));
    if (result.state === 'done') {
      checkpoint.done.add(key);
      checkpoint.failed.delete(key);
    } else if (!checkpoint.done.has(key)) checkpoint.failed.add(key);
  }
  if (problems.count > 0) throw new UsageError(listProblems(path, problems, 'not appended to (--overwrite starts it again)'));
  return checkpoint;
}

function fileSize(path: string): number {
  return fs.statSync(path).size;
}

/** The length of the file's last line when it has no newline (torn), else 0. */
function tornTailBytes(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const chunk = Buffer.alloc(64 * 1024);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - chunk.length);
      const read = readSync(fd, chunk, 0, end - start, start);
      const at = chunk.subarray(0, read).lastIndexOf(0x0a);
      if (end === size && at === read - 1) return 0;
      if (at >= 0) return size - (start + at + 1);
      end = start;
    }
    return size;
  } finally {
    closeSync(fd);
  }
}

/** Cuts a torn last line off, so the next line starts on a line of its own; says what it did. */
export function repairTornLine(path: string, checkpoint: Checkpoint, note: (line: string) => void): void {
  if (checkpoint.tornBytes === 0) return;
  fs.truncateSync(path, fileSize(path) - checkpoint.tornBytes);
  note(`gemma: note: ${path} ended in a torn line (${checkpoint.tornBytes} bytes, a run stopped mid-write); it was removed and its item runs again`);
}

/**
 * `--retry-failed`: the output without the lines of the ids about to run again, so each id
 * still has one line when they finish. Copied line by line to a file beside it, flushed, then
 * renamed over it: a crash leaves the old file or the new one, never half of either.
 */
export async function dropLines(path: string, keys: ReadonlySet<string>): Promise<void> {
  if (keys.size === 0) return;
  const temporary = `${path}.gemma-${process.pid}.tmp`;
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    for await (const text of createInterface({input: fs.createReadStream(path, {encoding: 'utf8'}), crlfDelay: Infinity})) {
      const result = readResultLine(text);
      if (result && keys.has(idKey(idDigest(result.id)))) continue;
      if (text.trim() !== '') writeWhole(fs, fd, Buffer.from(`${text}\n`));
    }
    fs.fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, path);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temporary, {force: true});
    throw new GemmaError(`could not rewrite ${path}: ${fileErrorReason(error)}`, ExitCode.failure, {cause: error});
  }
}

/** Where result lines go: the output file, or stdout. */
export interface ResultSink {
  write(result: ResultLine): void;
  close(): void;
}

/**
 * Appends result lines to the output file, each with one write and flushed to disk before the
 * next item's, as session lines are (src/sessions/session-writer.ts): the file is the
 * checkpoint, and a crash loses at most the line being written, which `--resume` repairs.
 * A failed write is cut back off and fails the run (exit 1): a result that cannot be kept should
 * not be paid for again and again.
 */
export function openOutputFile(path: string, mode: 'truncate' | 'append', options: {secret?: string; io?: LineFs} = {}): ResultSink {
  const io = options.io ?? fs;
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | (mode === 'truncate' ? constants.O_TRUNC : 0);
  let fd: number;
  try {
    fd = openSync(path, flags, 0o644);
  } catch (error) {
    throw new UsageError(`-o ${path}: ${fileErrorReason(error)}; allowed: a file gemma can write`);
  }
  return {
    write(result) {
      const line = Buffer.from(formatResultLine(result, options.secret));
      let goodLength: number | undefined;
      try {
        goodLength = io.fstatSync(fd).size;
        writeWhole(io, fd, line);
        syncUnlessUnsupported(io, fd);
      } catch (error) {
        if (goodLength !== undefined) {
          try {
            io.ftruncateSync(fd, goodLength);
          } catch {
            // the next run's --resume cuts the torn line off
          }
        }
        throw new GemmaError(`could not write to ${path}: ${fileErrorReason(error)}`, ExitCode.failure, {cause: error});
      }
    },
    close: () => closeSync(fd),
  };
}

function writeWhole(io: Pick<LineFs, 'writeSync'>, fd: number, line: Buffer): void {
  for (let at = 0; at < line.length; ) {
    const written = io.writeSync(fd, line, at, line.length - at);
    if (written <= 0) throw Object.assign(new Error('short write'), {code: 'short write'});
    at += written;
  }
}

/** `-o /dev/stdout` into a pipe cannot be fsynced (EINVAL): there is no disk to flush to. */
function syncUnlessUnsupported(io: Pick<LineFs, 'fsyncSync'>, fd: number): void {
  try {
    io.fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP') throw error;
  }
}
/** Result lines on stdout: the answer stream, as `ask --json`'s is. */
export function stdoutSink(secret?: string, stdout: NodeJS.WritableStream = process.stdout): ResultSink {
  return {write: (result) => stdout.write(formatResultLine(result, secret)), close: () => undefined};
}
