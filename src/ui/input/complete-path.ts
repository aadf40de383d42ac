import {homedir} from 'node:os';
import {join} from 'node:path';
import {commonPrefix, type Completion} from './complete-input.js';

export interface FolderEntry {
  name: string;
  folder: boolean;
}

type Quote = '"' | "'";

/** `~/x` as the file system knows it; the input keeps the `~` the user typed. */
function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/**
 * The path an argument names as a path command reads it (restOfLine): the rest of the line as
 * typed, spaces and all, or the inside of a quote, opened or closed at the end. A quote closed
 * before more text is not a path being typed: undefined.
 */
function typedPath(argument: string): {path: string; quote: Quote | undefined} | undefined {
  const quote = argument[0];
  if (quote !== '"' && quote !== "'") return {path: argument, quote: undefined};
  let path = '';
  for (let i = 1; i < argument.length; i++) {
    const char = argument[i] ?? '';
    if (char === quote) return i === argument.length - 1 ? {path, quote} : undefined;
    // splitArgs' rule: in double quotes a backslash escapes the next character.
    if (char === '\\' && quote === '"' && i + 1 < argument.length) path += argument[++i];
    else path += char;
  }
  return {path, quote};
}

/**
 * The argument that reads back as `path`: as it is when nothing in it would change how the
 * command reads it, else in the quote the user opened (double quotes when the path holds a
 * single one, which single quotes cannot). `closed` ends the quote: a file is whole, a folder
 * is left open to go on into.
 */
function quotedPath(path: string, quote: Quote | undefined, closed: boolean): string {
  const wanted = quote ?? (/\s/.test(path) || /^["']/.test(path) ? '"' : undefined);
  if (wanted === undefined) return path;
  if (wanted === "'" && !path.includes("'")) return `'${path}${closed ? "'" : ''}`;
  return `"${path.replace(/["\\]/g, '\\$&')}${closed ? '"' : ''}`;
}

/**
 * Completes the path argument of `command` (the rest of `text` after it) against the folder it
 * names. Names are matched and listed whole, spaces and all, and a name with a space goes into
 * the input quoted (`/save "notes/my talk.md"`), so Tab never splits a name at its space.
 */
export function completePath(text: string, command: string, argument: string, listFolder: (folder: string) => readonly FolderEntry[]): Completion | undefined {
  const typed = typedPath(argument);
  if (!typed) return undefined;
  const slash = typed.path.lastIndexOf('/');
  const folder = typed.path.slice(0, slash + 1);
  const start = typed.path.slice(slash + 1);
  const names = listFolder(folder === '' ? '.' : expandHome(folder))
    // Hidden entries only when asked for, as shells do.
    .filter((entry) => entry.name.startsWith(start) && (start.startsWith('.') || !entry.name.startsWith('.')))
    .map((entry) => (entry.folder ? `${entry.name}/` : entry.name))
    .sort();
  const line = (name: string, closed: boolean): string => `${command} ${quotedPath(folder + name, typed.quote, closed)}`;
  const options = names.map((name) => line(name, !name.endsWith('/')));
  const [only] = options;
  if (only === undefined) return undefined;
  if (options.length === 1) return {text: only, options: [], labels: []};
  const prefix = commonPrefix(names);
  return {text: prefix.length > start.length ? line(prefix, false) : text, options, labels: names};
}
