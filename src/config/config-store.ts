import {constants, lstatSync, mkdirSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {isObject} from '../api/is-object.js';
import {ConfigError} from '../errors.js';
import {writeFileAtomic} from '../fs/write-file-atomic.js';
import {tryLock, type LockHolder} from './lock-file.js';
import {fileErrorReason} from '../format/file-error.js';

const CONFIG_FILE_NAME = 'config.json';

/** Where a write is prepared before it replaces the file: one fixed name, so a leftover is found. */
const CONFIG_TEMP_NAME = `${CONFIG_FILE_NAME}.tmp`;

/** How long a write waits for another gemma's (a write takes milliseconds). */
const LOCK_WAIT_MS = 5_000;

/** The persisted store: setting values under their table names, and `apiKey`. */
export interface ConfigStore {
  readonly path: string;
  get(key: string): unknown;
  all(): Record<string, unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

function unreadable(path: string, error: unknown): ConfigError {
  const why = error instanceof SyntaxError ? 'is not valid JSON' : error === 'shape' ? 'does not hold a JSON object' : `cannot be read (${fileErrorReason(error)})`;
  return new ConfigError(`config file ${path} ${why}`, {cause: error, hint: 'fix it by hand, or move it away to start from defaults'});
}

/** The file as it is now: `{}` when it does not exist; never cleared when it is broken. */
function readStore(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw unreadable(path, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw unreadable(path, error);
  }
  if (!isObject(parsed)) throw unreadable(path, 'shape');
  return parsed;
}

function symbolicLink(path: string): ConfigError {
  return new ConfigError(`config file ${path} is a symbolic link; refusing to write through it`, {
    hint: 'replace the link with the file itself, or point GEMMA_CONFIG_DIR elsewhere',
  });
}

function refuseLink(path: string): void {
  if (lstatSync(path, {throwIfNoEntry: false})?.isSymbolicLink()) throw symbolicLink(path);
}

const CREATE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * Replaces the file whole: written to the fixed temporary name (0600, created exclusively, never
 * through a link), flushed, then renamed over the file. A leftover from a writer killed before
 * its rename (it may hold a key) is removed first; only the lock holder writes, so it is no one's.
 */
function replaceFile(path: string, temp: string, text: string): void {
  refuseLink(path);
  rmSync(temp, {force: true});
  writeFileAtomic(path, text, {
    temp,
    flags: CREATE,
    flush: true,
    openFailed: (error) =>
      (error as NodeJS.ErrnoException).code === 'ELOOP'
        ? symbolicLink(temp)
        : new ConfigError(`cannot write config file ${path} (${fileErrorReason(error)})`, {cause: error}),
    beforeRename: () => refuseLink(path),
  });
}

function lockBusy(path: string, holder: LockHolder | undefined): ConfigError {
  const who = holder ? `another gemma (pid ${holder.pid})` : 'another gemma';
  return new ConfigError(`config file ${path} is being changed by ${who}`, {hint: `try again; if no gemma is running, remove ${path}.lock`});
}

/** Runs `change` holding the config lock, waiting a little for another writer to finish. */
async function underLock<T>(path: string, change: () => T): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let pause = 5; ; pause = Math.min(pause * 2, 50)) {
    const attempt = tryLock(`${path}.lock`);
    if (attempt.taken) {
      try {
        return change();
      } finally {
        attempt.release();
      }
    }
    if (Date.now() + pause > deadline) throw lockBusy(path, attempt.holder);
    await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause));
  }
}

/**
 * The config file in `dir` (0700), the file at 0600. A write reads the file again, changes one
 * key and replaces the file, all under a lock, so gemmas writing at once lose no update. A file
 * that is not valid JSON is never cleared silently; a symbolic link is never written through.
 */
export function openConfigStore(dir: string): ConfigStore {
  const path = join(dir, CONFIG_FILE_NAME);
  let cached: Record<string, unknown> | undefined;
  const all = (): Record<string, unknown> => ({...(cached ??= readStore(path))});
  const write = async (change: (values: Record<string, unknown>) => void): Promise<void> => {
    try {
      mkdirSync(dir, {recursive: true, mode: 0o700});
    } catch (error) {
      // mkdir's EEXIST: something that is not a folder has the folder's name (or one above it).
      const why = (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'a file is in the way' : fileErrorReason(error);
      throw new ConfigError(`cannot create the config folder ${dir} (${why})`, {cause: error, hint: 'move that file away, or point GEMMA_CONFIG_DIR elsewhere'});
    }
    refuseLink(path);
    await underLock(path, () => {
      const values = readStore(path);
      change(values);
      replaceFile(path, join(dir, CONFIG_TEMP_NAME), `${JSON.stringify(values, undefined, '\t')}\n`);
    }).catch((error: unknown) => {
      // The lock file and the write: an OS failure (read-only, full, no permission) in words.
      if (error instanceof ConfigError || (error as NodeJS.ErrnoException).code === undefined) throw error;
      throw new ConfigError(`cannot write config file ${path} (${fileErrorReason(error)})`, {cause: error});
    });
    cached = undefined;
  };
  return {
    path,
    get: (key) => all()[key],
    all,
    set: (key, value) =>
      write((values) => {
        values[key] = value;
      }),
    delete: (key) =>
      write((values) => {
        delete values[key];
      }),
  };
}
