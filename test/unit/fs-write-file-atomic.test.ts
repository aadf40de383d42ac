import {constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {writeFileAtomic} from '../../src/fs/write-file-atomic.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gemma-atomic-'));
});
afterEach(() => {
  rmSync(dir, {recursive: true, force: true});
});

describe('writeFileAtomic', () => {
  it('replaces the file whole, new files at 0600, and leaves no temporary file', () => {
    const file = join(dir, 'answer.md');
    writeFileSync(file, 'an older and much longer body\n');
    writeFileAtomic(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    writeFileAtomic(join(dir, 'fresh.bin'), Buffer.from([1, 2, 3]), {flush: true});
    expect([...readFileSync(join(dir, 'fresh.bin'))]).toEqual([1, 2, 3]);
    expect(statSync(join(dir, 'fresh.bin')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['answer.md', 'fresh.bin']);
  });

  it('removes the temporary file when the rename fails, and throws the failure', () => {
    const target = join(dir, 'taken');
    mkdirSync(join(target, 'inside'), {recursive: true});
    expect(() => writeFileAtomic(target, 'text')).toThrow(expect.objectContaining({code: expect.stringMatching(/^E/)}));
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('abandons the write when the last check before the rename throws', () => {
    const file = join(dir, 'config.json');
    writeFileSync(file, 'kept');
    expect(() => writeFileAtomic(file, 'lost', {beforeRename: () => { throw new Error('refused'); }})).toThrow('refused');
    expect(readFileSync(file, 'utf8')).toBe('kept');
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('opens the named temporary file with the given flags, and maps a failure to open it', () => {
    const file = join(dir, 'config.json');
    const temp = join(dir, 'config.json.tmp');
    writeFileSync(temp, 'a leftover');
    const exclusive = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY;
    expect(() => writeFileAtomic(file, 'x', {temp, flags: exclusive, openFailed: (error) => new Error(`mapped ${(error as NodeJS.ErrnoException).code}`)})).toThrow('mapped EEXIST');
    expect(readFileSync(temp, 'utf8')).toBe('a leftover');
    rmSync(temp);
    writeFileAtomic(file, 'x', {temp, flags: exclusive});
    expect(readFileSync(file, 'utf8')).toBe('x');
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});
