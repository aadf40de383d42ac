import {promises as fsPromises, type Stats} from 'node:fs';
import {normalize, resolve} from 'node:path';
import {UsageError} from '../errors.js';
import {expandGlob, isGlob} from './expand-glob.js';
import {fetchUrlText, type UrlFetching} from './fetch-url.js';
import {readSourceFile} from './read-source-file.js';
import type {SkippedFile} from './skipped-report.js';
import {ALLOWED_SOURCES, formatSize, SOURCE_LIMITS} from './source-limits.js';
import {walkDirectory} from './walk-directory.js';
import {fileErrorReason} from '../format/file-error.js';
import {oneLineName} from './one-line-name.js';

/** One piece of text for the prompt, named as the model will see it: a path, a URL or `stdin`. */
export interface SourceText {
  name: string;
  text: string;
}

/** What `-f` sources amount to: text in the order given, media for `inputs`, and what was left out. */
export interface LoadedSources {
  texts: SourceText[];
  /** Paths of image and video files, sent as `--image` / `--video` would send them. */
  images: string[];
  videos: string[];
  skipped: SkippedFile[];
}

export interface SourceLoading {
  cwd: string;
  /** All of stdin as text (read-stdin.ts); called for `-f -`, at most once. */
  readStdin: () => Promise<string>;
  fetching: UrlFetching;
}

/** How a file came to be sent: named by itself it must be sendable; found in a folder or by a glob it may be skipped. */
type Origin = 'named' | 'directory' | 'glob';

/**
 * Loads `-f` sources in order. A source is `-` (stdin), an http(s) URL, an existing path (a
 * file or a directory) or, when no such path exists, a glob. A source that cannot be used is a
 * UsageError naming it (nothing is sent); files that a directory or a glob brings and that
 * cannot be sent are skipped and listed. A file reached twice is sent once, where first reached.
 * The loader of the chat's `/file` command too.
 */
export async function loadSources(sources: readonly string[], loading: SourceLoading): Promise<LoadedSources> {
  const loaded: LoadedSources = {texts: [], images: [], videos: [], skipped: []};
  const seen = new Set<string>();
  let totalBytes = 0;
  let stdinRead = false;

  const addText = (name: string, text: string): void => {
    totalBytes += Buffer.byteLength(text);
    if (totalBytes > SOURCE_LIMITS.maxTotalTextBytes) {
      throw new UsageError(`-f "${name}": the files add up to over ${formatSize(SOURCE_LIMITS.maxTotalTextBytes)} of text; allowed: at most ${formatSize(SOURCE_LIMITS.maxTotalTextBytes)} in all`);
    }
    loaded.texts.push({name: oneLineName(name), text});
  };

  /** Whether the file was sent (or had been already). */
  const addFile = async (name: string, origin: Origin): Promise<boolean> => {
    const path = resolve(loading.cwd, name);
    if (seen.has(path)) return true;
    seen.add(path);
    const refuse = (why: string): never => {
      throw new UsageError(`-f "${name}": ${why}; ${ALLOWED_SOURCES}`);
    };
    let file;
    try {
      file = await readSourceFile(path, {pipes: origin === 'named'});
    } catch (error) {
      if (origin === 'named') return refuse(readFailure(error));
      loaded.skipped.push({name, reason: readFailure(error)});
      return false;
    }
    switch (file.kind) {
      case 'text':
        addText(name, file.text);
        return true;
      case 'media':
        if (origin === 'directory') {
          loaded.skipped.push({name, reason: file.media});
          return false;
        }
        (file.media === 'image' ? loaded.images : loaded.videos).push(name);
        return true;
      case 'unsendable':
        if (origin === 'named') return refuse(`is ${file.reason}`);
        loaded.skipped.push({name, reason: file.reason});
        return false;
    }
  };

  for (const source of sources) {
    // An empty path would resolve to the working directory and send all of it.
    if (!source.trim()) throw new UsageError(`-f "${source}": an empty source; ${ALLOWED_SOURCES}`);
    if (source === '-') {
      if (stdinRead) throw new UsageError('-f - given twice; allowed: stdin once');
      stdinRead = true;
      addText('stdin', await loading.readStdin());
    } else if (/^https?:\/\//i.test(source)) {
      addText(source, await fetchUrlText(source, loading.fetching));
    } else {
      await loadPath(source);
    }
  }
  return loaded;

  async function loadPath(source: string): Promise<void> {
    let stat: Stats;
    try {
      stat = await fsPromises.stat(resolve(loading.cwd, source));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && isGlob(source)) return loadMany(source, await expandGlob(source, loading.cwd), 'glob');
      const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(source)?.[1];
      // `ftp://host/file`, `file:///etc/hosts`: a URL gemma does not fetch, not a missing path.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && scheme) throw new UsageError(`-f "${source}": ${scheme.toLowerCase()}: URLs are not fetched; allowed: an http(s) URL, or a path`);
      throw new UsageError(`-f "${source}": ${readFailure(error)}; ${ALLOWED_SOURCES}`);
    }
    if (!stat.isDirectory()) {
      await addFile(normalize(source), 'named');
      return;
    }
    let listing;
    try {
      listing = await walkDirectory(source, loading.cwd);
    } catch (error) {
      throw new UsageError(`-f "${source}": ${readFailure(error)}; ${ALLOWED_SOURCES}`);
    }
    for (const link of listing.linkedDirectories) loaded.skipped.push({name: link, reason: 'linked directory'});
    await loadMany(source, listing.files, 'directory');
  }

  async function loadMany(source: string, names: readonly string[], origin: Origin): Promise<void> {
    if (names.length === 0) {
      throw new UsageError(origin === 'glob' ? `-f "${source}": no file matches; allowed: a glob that matches at least one file` : `-f "${source}": the directory has no file to send`);
    }
    let sent = 0;
    for (const name of names) if (await addFile(name, origin)) sent += 1;
    if (sent === 0) throw new UsageError(`-f "${source}": none of its ${names.length} ${names.length === 1 ? 'file' : 'files'} can be sent (binary, too large or unreadable); ${ALLOWED_SOURCES}`);
  }
}

/** The errno of a failed stat or read, in words. */
function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return `cannot read it (${fileErrorReason(error)})`;
}
