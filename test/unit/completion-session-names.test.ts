import {appendFileSync, mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {sessionNames} from '../../src/completion/session-names.js';

function folders(): {dataDir: string; cache: string; file: (id: string) => string} {
  const root = mkdtempSync(join(tmpdir(), 'gemma-names-'));
  mkdirSync(join(root, 'data', 'sessions'), {recursive: true});
  return {dataDir: join(root, 'data'), cache: join(root, 'cache', 'session-names.json'), file: (id) => join(root, 'data', 'sessions', `${id}.jsonl`)};
}

const line = (event: Record<string, unknown>): string => `${JSON.stringify({...event, at: '2026-12-01T10:00:00.000Z'})}\n`;

describe('session names for completion', () => {
  it('takes the name from the first line or the last rename, an unnamed session by its id', () => {
    const {dataDir, cache, file} = folders();
    writeFileSync(file('a'), line({type: 'session', version: 1, id: 'a', name: 'first'}));
    writeFileSync(file('b'), line({type: 'session', version: 1, id: 'b'}));
    writeFileSync(file('c'), line({type: 'session', version: 1, id: 'c', name: 'old'}) + line({type: 'user', text: '{"type":"rename","name":"fake"}'}) + line({type: 'rename', name: 'new'}) + line({type: 'rename', name: 'newest'}));
    expect(sessionNames(dataDir, cache).sort()).toEqual(['b', 'first', 'newest']);
  });

  it('reads only what was appended since, and a line only once it is whole', () => {
    const {dataDir, cache, file} = folders();
    writeFileSync(file('a'), line({type: 'session', version: 1, id: 'a', name: 'one'}));
    expect(sessionNames(dataDir, cache)).toEqual(['one']);
    const rename = line({type: 'rename', name: 'two'});
    appendFileSync(file('a'), rename.slice(0, 20));
    expect(sessionNames(dataDir, cache)).toEqual(['one']);
    appendFileSync(file('a'), rename.slice(20));
    expect(sessionNames(dataDir, cache)).toEqual(['two']);
  });

  it('trusts the cache for a file of the same size and mtime (not read again), and reads a shrunk file whole', () => {
    const {dataDir, cache, file} = folders();
    writeFileSync(file('a'), line({type: 'session', version: 1, id: 'a', name: 'kept'}));
    sessionNames(dataDir, cache);
    const stored = JSON.parse(readFileSync(cache, 'utf8')) as {files: Record<string, [number, number, string]>};
    expect(stored.files.a?.[2]).toBe('kept');
    writeFileSync(cache, JSON.stringify({...stored, files: {a: [stored.files.a?.[0], stored.files.a?.[1], 'from-cache']}}));
    expect(sessionNames(dataDir, cache)).toEqual(['from-cache']);
    truncateSync(file('a'), 0);
    writeFileSync(file('a'), line({type: 'session', version: 1, id: 'a'}));
    expect(sessionNames(dataDir, cache)).toEqual(['a']);
  });

  it('leaves out a name with control characters, and forgets removed files', () => {
    const {dataDir, cache, file} = folders();
    writeFileSync(file('a'), line({type: 'session', version: 1, id: 'a', name: 'bad\nname\u001b[2J'}));
    expect(sessionNames(dataDir, cache)).toEqual(['a']);
    expect(sessionNames(join(dataDir, 'missing'), cache)).toEqual([]);
  });

  it('works without a writable cache', () => {
    const {dataDir, file} = folders();
    writeFileSync(file('a'), line({type: 'session', version: 1, id: 'a', name: 'x'}));
    // The cache folder's place is taken by a file.
    expect(sessionNames(dataDir, join(file('a'), 'cache', 'session-names.json'))).toEqual(['x']);
  });
});
