import {tryLock} from '../config/lock-file.js';
import {ExitCode, GemmaError} from '../errors.js';

/**
 * One writer per session: a second gemma gets a clear error instead of interleaving lines. A
 * lock left by a process that died (kill -9, power cut), or whose pid now belongs to another
 * process (the lock records the holder's start time), is taken over.
 */
export function lockSession(lockPath: string, label: string): () => void {
  const attempt = tryLock(lockPath);
  if (attempt.taken) return attempt.release;
  if (attempt.holder) {
    throw new GemmaError(`session ${label} is open in another gemma (pid ${attempt.holder.pid})`, ExitCode.failure, {
      hint: 'close that one first, or start a new session',
    });
  }
  throw new GemmaError(`cannot lock session ${label}`, ExitCode.failure, {hint: `another gemma is opening it; try again, or remove ${lockPath}`});
}
