import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {writeFileAtomic} from '../fs/write-file-atomic.js';

const SHA256 = /^[0-9a-f]{64}$/;

/** Whether a session line's hash is one the store can hold (anything else is not a path to open). */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256.test(value);
}

/** `<data>/blobs/sha256/ab/cdef…`: two hex digits a folder, so no folder holds every file, as git does. */
export function blobPath(dataDir: string, sha256: string): string {
  return join(blobsDir(dataDir), 'sha256', sha256.slice(0, 2), sha256.slice(2));
}

export function blobsDir(dataDir: string): string {
  return join(dataDir, 'blobs');
}

export function sha256Of(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Stores an attached file's text once: a second turn attaching the same content finds it there.
 * Written whole (a temporary file renamed over, flushed first), so a crash never leaves half a
 * blob under a hash that readers would trust. Returns the hash the session line records.
 */
export function storeBlob(dataDir: string, text: string): string {
  const sha256 = sha256Of(text);
  const path = blobPath(dataDir, sha256);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), {recursive: true, mode: 0o700});
    writeFileAtomic(path, text, {flush: true});
  }
  return sha256;
}

/** The text stored under `sha256`, or undefined when it is missing, unreadable or not that content (edited, damaged). */
export function readBlob(dataDir: string, sha256: string): string | undefined {
  if (!isSha256(sha256)) return undefined;
  let text: string;
  try {
    text = readFileSync(blobPath(dataDir, sha256), 'utf8');
  } catch {
    return undefined;
  }
  return sha256Of(text) === sha256 ? text : undefined;
}
