/**
 * Helpers for the fault-injection suite (test/faults). Builds on test/support/run-cli.ts and
 * test/support/simulator.ts, which stay untouched.
 */
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync, readdirSync, readFileSync, rmdirSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect} from 'vitest';
import {cliEnv, GEMMA_BIN, runCli, tempHome, type CliRun} from '../support/run-cli.js';
import type {Simulator} from '../support/simulator.js';

export {GEMMA_BIN, runCli, tempHome, type CliRun};

export type Home = {configDir: string; dataDir: string};
export type Env = Record<string, string | undefined>;

/** The line plain-mode chat adds at the end when any stdin line failed (docs/chat.md: exit 1). */
export const CHAT_SUMMARY = 'gemma: some lines failed (see above)';

/** The environment that points gemma at `sim` and keeps it inside `home`. */
export function simEnv(sim: Simulator, home: Home = tempHome(), extra: Env = {}): Env {
  return {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, GEMMA_CONFIG_DIR: home.configDir, GEMMA_DATA_DIR: home.dataDir, ...extra};
}

/** No stack trace and no unexpected-error wrapper anywhere in stderr. */
export function expectNoTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('unexpected error');
  expect(stderr).not.toMatch(/\b[A-Za-z]*Error: /);
}

/** stderr is exactly one line, matching `pattern`, and holds no stack trace. */
export function expectOneLine(stderr: string, pattern: RegExp | string): void {
  expectNoTrace(stderr);
  expect(stderr.endsWith('\n')).toBe(true);
  const lines = stderr.split('\n').slice(0, -1);
  expect(lines).toHaveLength(1);
  if (typeof pattern === 'string') expect(lines[0]).toBe(pattern);
  else expect(lines[0]).toMatch(pattern);
}

/**
 * stderr of a plain-mode chat whose one turn failed: the error as one line, then the summary
 * line chat adds on exit 1. Nothing else (no warning on top of the error, no stack trace).
 */
export function expectChatFailure(stderr: string, pattern: RegExp | string): void {
  expectNoTrace(stderr);
  const lines = stderr.split('\n');
  expect(lines.at(-1)).toBe('');
  expect(lines.slice(0, -1)).toEqual([typeof pattern === 'string' ? pattern : expect.stringMatching(pattern), CHAT_SUMMARY]);
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 10 ms until it holds; throws with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export interface LiveResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Date.now() when the process exited. */
  exitedAt: number;
}

/** A running gemma whose output can be watched while it runs (signals, closed pipes, memory). */
export interface LiveCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Raw stdout bytes received so far. */
  stdoutBytes(): number;
  done: Promise<LiveResult>;
}

export interface LiveOptions {
  env?: Env;
  home?: Home;
  stdin?: string | Buffer;
  /** Wrap the command, e.g. ['/usr/bin/time', '-f', '%M', '-o', file]. */
  prefix?: string[];
  /** Do not collect stdout as text (huge outputs): only count the bytes and hash them. */
  countOnly?: boolean;
  killAfterMs?: number;
}

/** Spawns bin/gemma.js like runCli does (private home, a minimal environment) and returns at once. */
export function startCli(args: string[], options: LiveOptions = {}): LiveCli {
  const env = cliEnv(options.home ?? tempHome(), options.env);
  const command = [...(options.prefix ?? []), process.execPath, GEMMA_BIN, ...args];
  // With a wrapper (e.g. /usr/bin/time) the child gets its own process group, so the time-out
  // kill reaches gemma too and no orphan is left behind.
  const detached = options.prefix !== undefined;
  const child = spawn(command[0]!, command.slice(1), {env, stdio: ['pipe', 'pipe', 'pipe'], detached});
  const chunks: Buffer[] = [];
  let bytes = 0;
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (!options.countOnly) chunks.push(chunk);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => {
    if (detached && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  }, options.killAfterMs ?? 15_000);
  const done = new Promise<LiveResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => clearTimeout(timer));
    const exited = new Promise<number>((r) => child.on('exit', () => r(Date.now())));
    child.on('close', async (code, signal) => {
      resolve({stdout: Buffer.concat(chunks).toString('utf8'), stderr, code, signal, exitedAt: await exited});
    });
  });
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(options.stdin ?? '');
  return {
    child,
    stdout: () => Buffer.concat(chunks).toString('utf8'),
    stderr: () => stderr,
    stdoutBytes: () => bytes,
    done,
  };
}

/** The session files (.jsonl) in a data folder. */
export function sessionFiles(home: Home): string[] {
  try {
    return readdirSync(join(home.dataDir, 'sessions')).filter((file) => file.endsWith('.jsonl'));
  } catch {
    return [];
  }
}

/**
 * The one session in `home` is intact: every line parses as JSON, and `gemma sessions show`
 * works on it. Returns what `show` printed.
 */
export async function expectSessionIntact(home: Home, env: Env = {}): Promise<string> {
  const files = sessionFiles(home);
  expect(files).toHaveLength(1);
  const text = readFileSync(join(home.dataDir, 'sessions', files[0]!), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.split('\n').slice(0, -1)) expect(() => JSON.parse(line), line).not.toThrow();
  const show = await runCli(['sessions', 'show', files[0]!.replace(/\.jsonl$/, '')], {
    env: {GEMMA_CONFIG_DIR: home.configDir, GEMMA_DATA_DIR: home.dataDir, ...env},
  });
  expect(show.stderr).toBe('');
  expect(show.code).toBe(0);
  return show.stdout;
}

/**
 * A 64 KiB tmpfs at a fresh folder (mounting needs root, as CI has): a disk that really fills.
 * Undefined when it cannot be mounted; tests then skip. `unmount` removes it again.
 */
export function mountSmallDisk(name: string): {path: string; unmount(): void} | undefined {
  const path = join(tmpdir(), `gemma-${name}-${process.pid}`);
  try {
    mkdirSync(path, {recursive: true});
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', path], {stdio: 'ignore'});
  } catch {
    return undefined;
  }
  return {
    path,
    unmount: () => {
      execFileSync('umount', [path]);
      rmdirSync(path);
    },
  };
}
