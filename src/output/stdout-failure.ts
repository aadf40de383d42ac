import {ExitCode, GemmaError} from '../errors.js';

/**
 * A write to stdout that failed for a reason other than a closed pipe (a full disk, an I/O
 * error): the answer on disk or down the pipe is cut, so the run must not look successful.
 * `could not write the answer: no space left on device (ENOSPC)`.
 */
export function stdoutFailure(error: NodeJS.ErrnoException): GemmaError {
  // Node says `ENOSPC: no space left on device, write`; the sentence reads better with the code last.
  const reason = error.message.replace(/^[A-Z0-9_]+: /, '').replace(/, write$/, '');
  return new GemmaError(`could not write the answer: ${reason}${error.code ? ` (${error.code})` : ''}`, ExitCode.failure, {cause: error});
}

/**
 * Node writes to a stdout that is a file (`gemma ask … > answer.md`) with one `writeSync` per
 * chunk and ignores a short count, so on a disk that fills mid-write the end of the last chunk was
 * dropped and the run exited 0. Writing the rest until the disk refuses turns that into the ENOSPC
 * error above. Pipes and terminals are not SyncWriteStreams and keep Node's own writer.
 */
export function writeStdoutFully(stdout: NodeJS.WriteStream, writeSync: (fd: number, buffer: Uint8Array, offset: number) => number): void {
  const stream = stdout as NodeJS.WriteStream & {fd?: unknown; _write?: unknown};
  if (stream.constructor.name !== 'SyncWriteStream' || typeof stream.fd !== 'number') return;
  const fd = stream.fd;
  stream._write = (chunk: Buffer, _encoding: string, done: (error?: Error | null) => void): void => {
    try {
      for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at);
      done();
    } catch (error) {
      done(error as Error);
    }
  };
}
