import {closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync} from 'node:fs';

export interface AtomicWriteOptions {
  /** Where the data is prepared; by default beside the file under this process's id. */
  temp?: string;
  /** How the temporary file is opened (created at 0600); by default 'w'. */
  flags?: number | string;
  /** Flush the data to disk before the rename, so a crash cannot leave the file empty. */
  flush?: boolean;
  /** What a failure to open the temporary file becomes (the caller's own error). */
  openFailed?: (error: unknown) => Error;
  /** A last check just before the rename (a throw abandons the write). */
  beforeRename?: () => void;
}

/**
 * Replaces `path` whole: written to a temporary file, then renamed over it, so a reader (or a
 * crash) sees the old file or the new one, never part of one. A temporary file left by a failed
 * write or rename is removed, and the failure thrown.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const temp = options.temp ?? `${path}.${process.pid}.tmp`;
  let fd: number;
  try {
    fd = openSync(temp, options.flags ?? 'w', 0o600);
  } catch (error) {
    throw options.openFailed ? options.openFailed(error) : error;
  }
  try {
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
      if (options.flush) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    options.beforeRename?.();
    renameSync(temp, path);
  } catch (error) {
    try {
      rmSync(temp, {force: true});
    } catch {
      // The folder itself is gone or unwritable: the first failure is the one to report.
    }
    throw error;
  }
}
