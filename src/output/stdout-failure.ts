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
