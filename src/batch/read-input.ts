import {createReadStream, createWriteStream, mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pipeline} from 'node:stream/promises';
import {UsageError} from '../errors.js';
import {fileErrorReason} from '../format/file-error.js';
import {splitLines} from './split-lines.js';

/** JSONL: one object a line. Text: one prompt a line, its id the line number. */
export type InputFormat = 'jsonl' | 'text';

/** One non-blank input line: its 1-based number in the file and its text (no line ending). */
export interface InputLine {
  line: number;
  text: string;
  /** Why the line could not be read (too long, not UTF-8 text); its text is then empty. */
  problem?: string;
}

/**
 * The non-blank lines of a file, streamed: one line in memory at a time, whatever the size of the
 * file. Blank lines are skipped but counted, so a plain-text prompt's id stays its line number in
 * the editor. A UTF-8 byte-order mark at the start is dropped; CRLF endings are taken; a
 * line that is not UTF-8 text (a binary file) comes with its problem.
 */
export async function* inputLines(path: string): AsyncGenerator<InputLine> {
  // A directory opens, and fails only at its first read: refused by name first.
  if (statSync(path, {throwIfNoEntry: false})?.isDirectory()) throw new UsageError(`${path} is a folder; allowed: a readable JSONL or text file, or - for stdin`);
  const stream = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new UsageError(`${path}: ${fileErrorReason(error)}; allowed: a readable JSONL or text file, or - for stdin`);
  }
  let line = 0;
  try {
    for await (const split of splitLines(stream)) {
      line += 1;
      if ('problem' in split) {
        yield {line, text: '', problem: split.problem};
        continue;
      }
      const text = line === 1 ? split.text.replace(/^\uFEFF/, '') : split.text;
      if (text.trim() !== '') yield {line, text};
    }
  } finally {
    stream.destroy();
  }
}

/** JSONL when the first non-blank line opens a JSON object, plain text otherwise (`--format` overrides). */
export async function detectFormat(path: string): Promise<InputFormat> {
  for await (const {text} of inputLines(path)) return text.trimStart().startsWith('{') ? 'jsonl' : 'text';
  return 'text';
}

/** `--format`: checked like a setting's value. */
export function parseFormat(raw: string): InputFormat {
  const lowered = raw.trim().toLowerCase();
  if (lowered === 'jsonl' || lowered === 'text') return lowered;
  throw new UsageError(`--format: ${JSON.stringify(raw)} is not allowed; allowed: jsonl or text`);
}

/** A spooled copy of stdin, and how to remove it. */
export interface Spool {
  path: string;
  remove: () => void;
}

/**
 * stdin (`gemma batch -`) cannot be read twice, and batch reads its input twice (validation,
 * then the run): it is copied to a private temporary file first, streamed, never held whole.
 */
export async function spoolStdin(stdin: NodeJS.ReadableStream = process.stdin, signal?: AbortSignal): Promise<Spool> {
  const dir = mkdtempSync(join(tmpdir(), 'gemma-batch-'));
  const path = join(dir, 'stdin.jsonl');
  const remove = (): void => rmSync(dir, {recursive: true, force: true});
  try {
    await pipeline(stdin, createWriteStream(path, {mode: 0o600}), signal ? {signal} : {});
  } catch (error) {
    remove();
    throw error;
  }
  return {path, remove};
}
