import {spawn} from 'node:child_process';
import {constants} from 'node:os';

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
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  }).finally(() => {
    for (const signal of ['SIGINT', 'SIGQUIT'] as const) process.off(signal, ignore);
  });
}
