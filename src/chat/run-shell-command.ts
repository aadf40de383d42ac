import {spawn} from 'node:child_process';
import {redactKey} from '../api/redact.js';
import {API_KEY_ENV} from '../config/api-key.js';
import {ExitCode, GemmaError} from '../errors.js';
import {CappedOutput} from './capped-output.js';

/** How a command run from the chat ended. */
export interface ShellRun {
  /** Its output, stdout and stderr merged in the order written, cut to the limit with a note. */
  output: string;
  /** Bytes written in all; more than the output holds when `cut`. */
  bytes: number;
  cut: boolean;
  /** null when a signal ended it. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Stopped by the user (Ctrl-C, Esc, SIGINT to a piped chat). */
  cancelled: boolean;
}

export interface ShellOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Output kept, at most (src/context/source-limits.ts's file limit). */
  limit: number;
  signal?: AbortSignal;
  /** Each piece of output as it comes (the terminal UI shows the last lines while it runs); not redacted: see {@link hideKey}. */
  onOutput?: (chunk: Buffer) => void;
}

/** After SIGTERM to its group, this long before SIGKILL; after that, this long before giving up on its pipe. */
const KILL_GRACE_MS = 1500;

/**
 * Runs one line with the user's shell (`$SHELL -c`, else /bin/sh) in `cwd`, stdin /dev/null (the
 * chat's input is the chat's), in a process group of its own so that a cancel stops it and
 * everything it started. stdout and stderr are one pipe (`2>&1` in a /bin/sh that execs the
 * shell): the output reads in the order the command wrote it, as a terminal shows it. The API
 * key is not in its environment: `!env` must not print it, nor `/run env` send it to the model.
 * gemma's own environment still holds it (`cat /proc/$PPID/environ`: a process cannot change
 * that block), so it is also taken out of the output wherever it appears.
 */
export function runShellCommand(command: string, options: ShellOptions): Promise<ShellRun> {
  const shell = options.env.SHELL || '/bin/sh';
  const env = {...options.env};
  const secret = env[API_KEY_ENV];
  delete env[API_KEY_ENV];
  const output = new CappedOutput(options.limit);
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', 'exec "$0" -c "$1" 2>&1', shell, command], {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    });
    let cancelled = false;
    let timers: NodeJS.Timeout[] = [];
    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const onAbort = (): void => {
      cancelled = true;
      killGroup('SIGTERM');
      timers = [
        setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS),
        // A process that left the group (setsid) may hold the pipe open: the chat does not wait on it.
        setTimeout(() => finish(null, 'SIGKILL'), 2 * KILL_GRACE_MS),
      ];
    };
    let done = false;
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (done) return;
      done = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      child.stdout.destroy();
      resolve({output: redactKey(output.text(), secret), bytes: output.total, cut: output.cut, exitCode, signal, cancelled});
    };
    child.stdout.on('data', (chunk: Buffer) => {
      output.add(chunk);
      options.onOutput?.(chunk);
    });
    child.on('error', (error) => {
      if (done) return;
      done = true;
      options.signal?.removeEventListener('abort', onAbort);
      reject(new GemmaError(`could not run ${shell}: ${error.message}`, ExitCode.failure));
    });
    // 'close': the pipe is drained too (a background job holding it keeps the command running, as in `$(…)`).
    child.on('close', (code, signal) => finish(code, signal));
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, {once: true});
  });
}

/** The live tail of a command's output without the API key of `env` (the end result is redacted by runShellCommand). */
export function hideKey(text: string, env: NodeJS.ProcessEnv): string {
  return redactKey(text, env[API_KEY_ENV]);
}
