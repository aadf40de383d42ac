import {spawn} from 'node:child_process';
import {closeSync, mkdtempSync, openSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const GEMMA_BIN = fileURLToPath(new URL('../../bin/gemma.js', import.meta.url));

export interface CliRun {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CliOptions {
  /** Text piped to stdin; undefined leaves stdin as an empty, closed pipe. */
  stdin?: string | Buffer;
  /** A file (or /dev/null) given as stdin instead of a pipe, as `gemma ask < notes.md` does. */
  stdinFile?: string;
  env?: Record<string, string | undefined>;
  /** Called with each stdout chunk; may signal the child (e.g. SIGINT after the first tokens). */
  onStdout?: (chunk: string, child: import('node:child_process').ChildProcess) => void;
  timeoutMs?: number;
  /** The working directory (relative paths, `@path`); this process's by default. */
  cwd?: string;
}

/** A private, empty config and data folder, so tests never touch the real home directory. */
export function tempHome(): {configDir: string; dataDir: string} {
  const root = mkdtempSync(join(tmpdir(), 'gemma-test-'));
  return {configDir: join(root, 'config'), dataDir: join(root, 'data')};
}

/**
 * The variables that keep a spawned gemma inside a private home: HOME itself (the platform's
 * folders derive from it) and gemma's config, data and cache folders, set outright so that an
 * XDG_* variable of the machine running the tests cannot point back at the real home.
 */
export function homeEnv(home: {configDir: string; dataDir: string}): Record<string, string> {
  const root = join(home.configDir, '..');
  return {HOME: root, GEMMA_CONFIG_DIR: home.configDir, GEMMA_DATA_DIR: home.dataDir, GEMMA_CACHE_DIR: join(root, 'cache')};
}

/**
 * A minimal environment with a private home (homeEnv); `extra` wins, and an undefined value
 * removes the variable.
 */
export function cliEnv(home: {configDir: string; dataDir: string}, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {PATH: process.env.PATH, ...homeEnv(home), ...extra};
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Spawns the built bin/gemma.js and collects stdout, stderr and the exit code apart. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const env = cliEnv(tempHome(), options.env);
  return new Promise((resolve, reject) => {
    const stdinFd = options.stdinFile === undefined ? undefined : openSync(options.stdinFile, 'r');
    const child = spawn(process.execPath, [GEMMA_BIN, ...args], {env, stdio: [stdinFd ?? 'pipe', 'pipe', 'pipe'], ...(options.cwd ? {cwd: options.cwd} : {})});
    if (stdinFd !== undefined) closeSync(stdinFd);
    if (!child.stdout || !child.stderr) throw new Error('spawn gave no stdout or stderr pipe');
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(chunk, child);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({stdout, stderr, code, signal});
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.stdin ?? '');
  });
}
