// fs.promises, not node:fs/promises: the getter loads it on first use (see read-media.ts).
import {promises as fsPromises} from 'node:fs';
import {mediaTypeOf} from '../request/media-type.js';
import {formatSize, SOURCE_LIMITS} from './source-limits.js';

/** What one file on disk is, as far as a prompt is concerned. */
export type SourceFile =
  | {kind: 'text'; text: string}
  | {kind: 'media'; media: 'image' | 'video'}
  | {kind: 'unsendable'; reason: string};

const TOO_LARGE = `over ${formatSize(SOURCE_LIMITS.maxTextBytes)}`;

/**
 * Reads a file for a prompt. An image or video is known by its first bytes alone (a text file
 * named `.png` stays text), and is left to read-media.ts, which sends it like `--image`. Text is
 * at most SOURCE_LIMITS.maxTextBytes, valid UTF-8 and free of NUL bytes in its first 8 kB (git's
 * test); anything else is unsendable, with the reason shown to the user. A pipe (`-f <(git diff)`)
 * is read to its end, up to the same limit, when `pipes` (a source named by itself); a FIFO, a
 * device or a socket that a directory or a glob brings (often by a symbolic link) is not even
 * opened: opening a FIFO waits for a writer, reading /dev/tty waits for keys, so gemma would hang.
 */
export async function readSourceFile(path: string, {pipes}: {pipes: boolean}): Promise<SourceFile> {
  if (!pipes && !(await fsPromises.stat(path)).isFile()) return {kind: 'unsendable', reason: 'not a regular file'};
  const file = await fsPromises.open(path, 'r');
  try {
    const stat = await file.stat();
    if (!stat.isFile()) return await readPipe(file);
    const head = Buffer.alloc(Math.min(stat.size, 16));
    if (head.length > 0) await file.read(head, 0, head.length, 0);
    const media = mediaOf(head);
    if (media) return {kind: 'media', media};
    if (stat.size > SOURCE_LIMITS.maxTextBytes) return {kind: 'unsendable', reason: TOO_LARGE};
    // Read to the limit, not to the size the file claims: /proc and /sys files say 0 and go on
    // (/proc/self/pagemap for gigabytes), and a log may grow while it is read.
    const bytes = await readUpTo(file, SOURCE_LIMITS.maxTextBytes + 1, 0, stat.size + 1);
    return bytes.length > SOURCE_LIMITS.maxTextBytes ? {kind: 'unsendable', reason: TOO_LARGE} : decodeSourceText(bytes);
  } finally {
    await file.close();
  }
}

/** By content only: no name given, so the extension decides nothing (it only tells mkv from webm). */
function mediaOf(head: Uint8Array): 'image' | 'video' | undefined {
  const media = mediaTypeOf(head, '')?.split('/')[0];
  return media === 'image' || media === 'video' ? media : undefined;
}

/**
 * At most `limit` bytes, from `position` (null: where a pipe is), until the end: first in one read
 * of `expected` bytes (a regular file's size and one more, which finds its end), then by 64 kB.
 */
async function readUpTo(file: fsPromises.FileHandle, limit: number, position: number | null, expected = CHUNK): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for (let want = expected; size < limit; want = CHUNK) {
    const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(want, limit - size)));
    const {bytesRead} = await file.read(chunk, 0, chunk.length, position === null ? null : position + size);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    size += bytesRead;
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
}

const CHUNK = 64 * 1024;

async function readPipe(file: fsPromises.FileHandle): Promise<SourceFile> {
  const bytes = await readUpTo(file, SOURCE_LIMITS.maxTextBytes + 1, null);
  if (mediaOf(bytes)) return {kind: 'unsendable', reason: 'a piped image or video'};
  return bytes.length > SOURCE_LIMITS.maxTextBytes ? {kind: 'unsendable', reason: TOO_LARGE} : decodeSourceText(bytes);
}

/** Text from bytes, or why they are not text a model should read. */
export function decodeSourceText(bytes: Uint8Array): SourceFile {
  if (bytes.subarray(0, SOURCE_LIMITS.binarySniffBytes).includes(0)) return {kind: 'unsendable', reason: 'binary'};
  try {
    return {kind: 'text', text: new TextDecoder('utf-8', {fatal: true}).decode(bytes)};
  } catch {
    return {kind: 'unsendable', reason: 'not UTF-8'};
  }
}
