import {closeSync, openSync, readFileSync, rmSync, writeSync} from 'node:fs';
import {GemmaError} from '../errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer per session: a second gemma gets a clear error instead of interleaving lines. A
 * lock left by a process that died (kill -9, power cut) is taken over.
 */
export function lockSession(lockPath: string, label: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = (): void => {
        process.off('exit', release);
        rmSync(lockPath, {force: true});
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
        throw new GemmaError(`session ${label} is open in another gemma (pid ${holder})`, 1, {
          hint: 'close that one first, or start a new session',
        });
      }
      rmSync(lockPath, {force: true});
    }
  }
  throw new GemmaError(`cannot lock session ${label}`, 1);
}
