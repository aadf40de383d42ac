import {closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {writeFileAtomic} from '../fs/write-file-atomic.js';
import {sessionsDir} from '../sessions/session-paths.js';

/** What was learnt of one session file: how far it was read, its mtime then, its name (null: none). */
type Known = [scannedTo: number, mtimeMs: number, name: string | null];

interface NamesCache {
  version: 1;
  dir: string;
  files: Record<string, unknown>;
}

/**
 * The names of the stored sessions (an unnamed one by its id), for completing `--session` and
 * `sessions show`, read without parsing whole files: a TAB must not replay thousands of chats as
 * `listSessions` does. A name is set by the first line (`session`) or a later `rename` line, and
 * session files are append-only, so a cache (in the cache folder) keeps how far each file was read
 * and only what was appended since is searched, for `"rename"` alone. A file that shrank or whose
 * mtime moved without growing is read again from the start.
 */
export function sessionNames(dataDir: string, cacheFile: string): string[] {
  const dir = sessionsDir(dataDir);
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.jsonl'));
  } catch {
    return [];
  }
  const cache = readCache(cacheFile, dir);
  const next: NamesCache = {version: 1, dir, files: {}};
  let changed = Object.keys(cache.files).length !== files.length;
  const names: string[] = [];
  for (const file of files) {
    const id = file.slice(0, -'.jsonl'.length);
    const cached = cache.files[id];
    const known = isKnown(cached) ? cached : undefined;
    const found = known && upToDate(join(dir, file), known) ? known : scan(join(dir, file), known);
    if (!found) continue;
    if (found !== known) changed = true;
    next.files[id] = found;
    names.push(found[2] ?? id);
  }
  if (changed) saveCache(cacheFile, next);
  return names;
}

function isKnown(value: unknown): value is Known {
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number' && (typeof value[2] === 'string' || value[2] === null);
}

function upToDate(path: string, [scannedTo, mtimeMs]: Known): boolean {
  try {
    const stat = statSync(path);
    return stat.size === scannedTo && stat.mtimeMs === mtimeMs;
  } catch {
    return false;
  }
}

/**
 * Opened without blocking, and only if it is a regular file: a FIFO named `x.jsonl` would hold an
 * open (and the TAB, and the shell) until something wrote to it; a device has no end.
 */
function openRegular(path: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    if (fstatSync(fd).isFile()) return fd;
  } catch {
    // Treated as not a file.
  }
  closeSync(fd);
  return undefined;
}

/** Reads what is new in the file (all of it when `known` no longer holds); undefined: unreadable. */
function scan(path: string, known: Known | undefined): Known | undefined {
  const fd = openRegular(path);
  if (fd === undefined) return undefined;
  try {
    const {size, mtimeMs} = fstatSync(fd);
    const from = known && known[0] <= size ? known[0] : 0;
    const bytes = Buffer.alloc(size - from);
    for (let at = 0; at < bytes.length; ) {
      const read = readSync(fd, bytes, at, bytes.length - at, from + at);
      if (read <= 0) break;
      at += read;
    }
    // Only whole lines count: a line being written now is read again, whole, next time.
    const end = bytes.lastIndexOf(0x0a) + 1;
    let name = from === 0 ? firstLineName(bytes) : (known?.[2] ?? null);
    for (let at = bytes.indexOf('"rename"'); at >= 0 && at < end; at = bytes.indexOf('"rename"', at + 1)) {
      const start = bytes.lastIndexOf(0x0a, at) + 1;
      const renamed = eventName(bytes.subarray(start, bytes.indexOf(0x0a, at)), 'rename');
      if (renamed !== undefined) name = renamed;
    }
    return [from + end, mtimeMs, name];
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function firstLineName(bytes: Buffer): string | null {
  const end = bytes.indexOf(0x0a);
  return end < 0 ? null : (eventName(bytes.subarray(0, end), 'session') ?? null);
}

/** The name a line of this type gives; undefined for any other line. Names with control characters are left out. */
function eventName(line: Buffer, type: string): string | undefined {
  try {
    const event = JSON.parse(line.toString('utf8')) as {type?: unknown; name?: unknown};
    if (event.type !== type || typeof event.name !== 'string' || event.name === '') return undefined;
    // A newline would split the name in two, an escape would reach the terminal.
    return /[\u0000-\u001f\u007f-\u009f]/.test(event.name) ? undefined : event.name;
  } catch {
    return undefined;
  }
}

function readCache(file: string, dir: string): NamesCache {
  const fd = openRegular(file);
  try {
    if (fd === undefined) throw new Error('no cache file');
    const cache = JSON.parse(readFileSync(fd, 'utf8')) as NamesCache;
    if (cache.version === 1 && cache.dir === dir && typeof cache.files === 'object' && cache.files !== null) return cache;
  } catch {
    // No cache yet, or a broken one: read the files.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return {version: 1, dir, files: {}};
}

function saveCache(file: string, cache: NamesCache): void {
  try {
    mkdirSync(dirname(file), {recursive: true, mode: 0o700});
    writeFileAtomic(file, JSON.stringify(cache));
  } catch {
    // A cache folder that cannot be written only costs the next TAB the reading again.
  }
}
