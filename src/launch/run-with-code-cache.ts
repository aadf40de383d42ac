import {hash} from 'node:crypto';
import {mkdirSync, readdirSync, readFileSync, rmSync} from 'node:fs';
// The default export: node:module has no named `wrap` for ES modules (src/lazy-imports.ts, which
// imports this file, is also loaded from source by tests).
import Module from 'node:module';
import {dirname, join} from 'node:path';
import {Script} from 'node:vm';
import envPaths from 'env-paths';
import {writeFileAtomic} from '../fs/write-file-atomic.js';

/** The commands that get a cache of their own: each runs different functions. */
const COMMANDS = new Set(['ask', 'chat', 'config', 'auth', 'sessions']);

type Env = Record<string, string | undefined>;

/**
 * Runs the CommonJS bundle at `bundlePath` (dist/gemma.cjs), compiled from a V8 code cache when
 * one is on disk. Node 20 compiles a CommonJS file from source on every start, lazily, function by
 * function as they first run, and has no compile cache of its own (22.1 added one): for
 * `gemma ask` that is about 6 ms of a 45 ms run. A cache made when a run ends holds every function
 * that run compiled, so one is kept per command, written after the first run of that command that
 * exits 0 (a failed run stops early and would cache less).
 */
export function runWithCodeCache(bundlePath: string, buildId: string, env: Env = process.env, argv: readonly string[] = process.argv.slice(2)): void {
  loadWithCodeCache(bundlePath, buildId, commandOf(argv), env);
}

/**
 * Loads the CommonJS bundle at `bundlePath` as require() would and returns its exports, compiled
 * from the V8 code cache called `name` (the CLI keeps one per command; the terminal UI, a bundle
 * of its own, one called `ui`), which is written at exit when the run exits 0 and there was no
 * usable one. V8 checks its version, its flags and the source's length, not its content, so the
 * file name carries the build id (a hash of the bundles) and the Node version. V8 does not check
 * the bytes either, and a damaged cache crashes it (SIGSEGV on every later run), so each file
 * carries its own length and sha256, checked before use (about 0.4 ms of a 55 ms `gemma ask`). A
 * missing, stale, damaged or unreadable cache costs nothing but the compile it would have saved,
 * and is written again.
 */
export function loadWithCodeCache(bundlePath: string, buildId: string, name: string, env: Env = process.env): unknown {
  const source = readFileSync(bundlePath, 'utf8');
  const cacheDir = env.GEMMA_CACHE_DIR || envPaths('gemma', {suffix: ''}).cache;
  const prefix = `code-${buildId}-${process.version}-${process.arch}-`;
  const cacheFile = join(cacheDir, `${prefix}${name}.bin`);
  const cachedData = readCache(cacheFile);
  // No import() in a bundle: one compiled from a code cache has lost Node's loader callback, so
  // what the CLI loads lazily comes through dist/lazy-imports.cjs (src/lazy-imports.ts).
  const script = new Script(Module.wrap(source), {filename: bundlePath, cachedData});
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once('exit', (code) => {
      if (code === 0) saveCache(script, cacheDir, cacheFile, prefix);
    });
  }
  const module = {exports: {}, filename: bundlePath, id: bundlePath};
  const compiled = script.runInThisContext() as (...args: unknown[]) => void;
  compiled.call(module.exports, module.exports, Module.createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return module.exports;
}

/** The first word that is not an option, when it names a command; `other` for the rest (help, --version). */
function commandOf(argv: readonly string[]): string {
  const first = argv.find((arg) => !arg.startsWith('-'));
  return first !== undefined && COMMANDS.has(first) ? first : 'other';
}

/**
 * A cache file: MAGIC, the payload's length (uint32 LE), its sha256, then the payload V8 made.
 * The magic names the layout, so a file of an older gemma (bare V8 data) is simply not used.
 */
const MAGIC = Buffer.from('GMC1');
const HEADER_BYTES = MAGIC.length + 4 + 32;

// crypto.hash (Node 20.12+): one call, about 0.4 ms cold for a 200 KB cache where
// createHash().update().digest() costs 0.7 ms (node:crypto is loaded at boot either way).
const digestOf = (payload: Uint8Array): Buffer => hash('sha256', payload, 'buffer') as unknown as Buffer;

/** The V8 data in `cacheFile` when its length and digest check out; undefined for anything else. */
function readCache(cacheFile: string): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined; // Not made yet (first run of this command since install or upgrade).
  }
  if (file.length < HEADER_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const payload = file.subarray(HEADER_BYTES);
  if (file.readUInt32LE(MAGIC.length) !== payload.length) return undefined;
  return digestOf(payload).equals(file.subarray(MAGIC.length + 4, HEADER_BYTES)) ? payload : undefined;
}

/**
 * Writes the cache whole (a temp file, flushed to disk, renamed over it: a crash leaves the old
 * file or the new one, never half of one) and drops caches of other builds or Node versions.
 */
function saveCache(script: Script, cacheDir: string, cacheFile: string, prefix: string): void {
  try {
    mkdirSync(cacheDir, {recursive: true, mode: 0o700});
    const payload = script.createCachedData();
    const length = Buffer.alloc(4);
    length.writeUInt32LE(payload.length);
    writeFileAtomic(cacheFile, Buffer.concat([MAGIC, length, digestOf(payload), payload]), {flush: true});
    for (const name of readdirSync(cacheDir)) {
      if (name.startsWith('code-') && !name.startsWith(prefix)) rmSync(join(cacheDir, name), {force: true});
    }
  } catch {
    // A read-only or full disk: the next run compiles from source, as Node does anyway.
  }
}

