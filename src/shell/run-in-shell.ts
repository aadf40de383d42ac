import {spawn} from 'node:child_process';
import {constants} from 'node:os';
import {ExitCode, GemmaError} from '../errors.js';

/**
 * Runs `command` with `shell -c` in the current directory, the terminal attached, and resolves
 * with its exit code (a signal that ended it: 128 + its number, as shells report it). Ctrl-C
 * while it runs reaches it (the terminal signals the whole foreground group); gemma ignores it
 * and waits, so the command's own exit code is what gemma exits with.
 */
export function runInShell(command: string, shell: string): Promise<number> {
  const ignore = (): void => undefined;
  for (const signal of ['SIGINT', 'SIGQUIT'] as const) process.on(signal, ignore);
  return new Promise<number>((resolve, reject) => {
    const child = spawn(shell, ['-c', command], {stdio: 'inherit', cwd: process.cwd()});
    // The shell itself could not start ($SHELL names a program that is gone): nothing ran.
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(new GemmaError(`cannot start the shell ${shell} (${error.code ?? error.message}); the command did not run`, ExitCode.failure, {hint: 'set SHELL to your shell, e.g. /bin/bash'}));
    });
    child.on('close', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  }).finally(() => {
    for (const signal of ['SIGINT', 'SIGQUIT'] as const) process.off(signal, ignore);
  });
}
