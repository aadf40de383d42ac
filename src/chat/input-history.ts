import {appendFileSync, mkdirSync, readFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {writeFileAtomic} from '../fs/write-file-atomic.js';

/** Previous chat inputs, oldest first, for Up and Down at the prompt. */
export interface InputHistory {
  entries(): readonly string[];
  add(text: string): void;
}

// One JSON string per line, so multi-line inputs stay one record, and a line torn by a crash is
// skipped on its own without losing the rest.
function parseLines(body: string): string[] {
  const entries: string[] = [];
  for (const line of body.split('\n')) {
    if (line === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'string') entries.push(value);
    } catch {
      // A torn or foreign line: skip it.
    }
  }
  return entries;
}

const toLines = (entries: readonly string[]): string =>
  entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');

// Appending keeps concurrent chats from overwriting each other, so the file is only rewritten, through
// a temporary file, once it holds twice the limit, to keep start-up reads small.
function tryCompact(file: string, entries: readonly string[]): boolean {
  try {
    writeFileAtomic(file, toLines(entries));
    return true;
  } catch {
    // A file too long is better than a history lost: appends still work.
    return false;
  }
}

/**
 * Opens the input history stored as JSON Lines at `file` (undefined: in memory only). Never throws:
 * when the file cannot be read or written, the history carries on in memory.
 */
export function openInputHistory(file: string | undefined, limit = 1000): InputHistory {
  let entries: string[] = [];
  let path = file;
  // After a torn last line the next record must start on a line of its own.
  let separator = '';
  if (path !== undefined) {
    try {
      const body = readFileSync(path, 'utf8');
      if (body !== '' && !body.endsWith('\n')) separator = '\n';
      const stored = parseLines(body);
      entries = stored.slice(-limit);
      if (stored.length > 2 * limit && tryCompact(path, entries)) separator = '';
    } catch (error) {
      // A file that is not there yet is created on the first add; any other failure means memory only.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') path = undefined;
    }
  }
  return {
    entries: () => entries,
    add(text) {
      if (text.trim() === '' || entries.at(-1) === text) return;
      entries.push(text);
      if (entries.length > limit) entries = entries.slice(-limit);
      if (path === undefined) return;
      try {
        mkdirSync(dirname(path), {recursive: true, mode: 0o700});
        appendFileSync(path, separator + toLines([text]), {flag: 'a', mode: 0o600});
        separator = '';
      } catch {
        path = undefined;
      }
    },
  };
}
