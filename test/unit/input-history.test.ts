import {appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openInputHistory} from '../../src/chat/input-history.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gemma-history-'));
});
afterEach(() => {
  rmSync(dir, {recursive: true, force: true});
});

describe('openInputHistory', () => {
  it('keeps entries across opens, multi-line ones included', () => {
    const file = join(dir, 'input-history.jsonl');
    const first = openInputHistory(file);
    first.add('hello');
    first.add('two\nlines');
    expect(openInputHistory(file).entries()).toEqual(['hello', 'two\nlines']);
    expect(readFileSync(file, 'utf8')).toBe('"hello"\n"two\\nlines"\n');
  });

  it('creates the file 0600 and its folder 0700', () => {
    const file = join(dir, 'data', 'gemma', 'input-history.jsonl');
    openInputHistory(file).add('secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'data', 'gemma')).mode & 0o777).toBe(0o700);
  });

  it('skips consecutive duplicates and blank input', () => {
    const file = join(dir, 'h.jsonl');
    const history = openInputHistory(file);
    for (const text of ['a', 'a', 'b', '  ', 'a']) history.add(text);
    expect(history.entries()).toEqual(['a', 'b', 'a']);
    expect(openInputHistory(file).entries()).toEqual(['a', 'b', 'a']);
  });

  it('skips a torn last line and lines that are not strings', () => {
    const file = join(dir, 'h.jsonl');
    writeFileSync(file, '"one"\n42\n{"a":1}\n"two"\n"thr');
    const history = openInputHistory(file);
    expect(history.entries()).toEqual(['one', 'two']);
    history.add('three');
    expect(openInputHistory(file).entries()).toEqual(['one', 'two', 'three']);
    expect(readFileSync(file, 'utf8')).toBe('"one"\n42\n{"a":1}\n"two"\n"thr\n"three"\n');
  });

  it('keeps the last `limit` entries, and compacts a file grown past twice that', () => {
    const file = join(dir, 'h.jsonl');
    const history = openInputHistory(file, 3);
    for (const text of ['1', '2', '3', '4', '5']) history.add(text);
    expect(history.entries()).toEqual(['3', '4', '5']);
    expect(openInputHistory(file, 3).entries()).toEqual(['3', '4', '5']);
    appendFileSync(file, '"6"\n"7"\n');
    expect(openInputHistory(file, 3).entries()).toEqual(['5', '6', '7']);
    expect(readFileSync(file, 'utf8')).toBe('"5"\n"6"\n"7"\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('works in memory without a file', () => {
    const history = openInputHistory(undefined);
    history.add('x');
    expect(history.entries()).toEqual(['x']);
  });

  it('falls back to memory when the file cannot be read or written', () => {
    const unreadable = join(dir, 'folder-not-file');
    mkdirSync(unreadable);
    const history = openInputHistory(unreadable);
    expect(() => history.add('x')).not.toThrow();
    expect(history.entries()).toEqual(['x']);

    // A file where the folder should be fails even for root, unlike permissions.
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, '');
    const blocked = openInputHistory(join(blocker, 'sub', 'h.jsonl'));
    expect(() => blocked.add('y')).not.toThrow();
    expect(blocked.entries()).toEqual(['y']);
  });
});
