import {existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {expandGlob, isGlob} from '../../src/context/expand-glob.js';
import {decodeSourceText, readSourceFile} from '../../src/context/read-source-file.js';
import {skippedReport} from '../../src/context/skipped-report.js';

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'gemma-files-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), {recursive: true});
    writeFileSync(join(root, path), content);
  }
  return root;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('expandGlob', () => {
  const root = tree({'src/a.ts': '', 'src/b.md': '', 'src/deep/c.ts': '', 'src/.hidden.ts': '', 'node_modules/x/d.ts': '', '.git/e.ts': '', 'dist/f.ts': ''});

  it('expands * and ** like the shell, sorted, relative to the working directory', async () => {
    expect(await expandGlob('src/*.ts', root)).toEqual(['src/a.ts']);
    expect(await expandGlob('**/*.ts', root)).toEqual(['dist/f.ts', 'src/a.ts', 'src/deep/c.ts']);
    expect(await expandGlob('src/{a.ts,b.md}', root)).toEqual(['src/a.ts', 'src/b.md']);
  });

  it('gives absolute names for an absolute pattern', async () => {
    expect(await expandGlob(`${root}/src/*.md`, '/')).toEqual([join(root, 'src/b.md')]);
  });

  it('matches nothing in .git/ or node_modules/, and nothing for a pattern that matches no file', async () => {
    expect(await expandGlob('**/d.ts', root)).toEqual([]);
    expect(await expandGlob('.git/*.ts', root)).toEqual([]);
    expect(await expandGlob('src/*.rs', root)).toEqual([]);
  });

  it('tells a pattern from a plain path', () => {
    expect(isGlob('src/*.ts')).toBe(true);
    expect(isGlob('src/**')).toBe(true);
    expect(isGlob('notes.md')).toBe(false);
    expect(isGlob('src/')).toBe(false);
  });
});

describe('readSourceFile', () => {
  const root = tree({
    'text.ts': 'héllo\n',
    'at-limit.txt': 'a'.repeat(256 * 1024),
    'over-limit.txt': 'a'.repeat(256 * 1024 + 1),
    'nul.bin': Buffer.from('abc\u0000def'),
    'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    'photo.dat': PNG,
    'named.png': 'just text in a .png',
    'big.png': Buffer.concat([PNG, Buffer.alloc(300 * 1024)]),
  });
  const read = (name: string) => readSourceFile(join(root, name), {pipes: false});

  it('reads UTF-8 text up to the 256 kB limit, and skips one byte more', async () => {
    expect(await read('text.ts')).toEqual({kind: 'text', text: 'héllo\n'});
    expect((await read('at-limit.txt')).kind).toBe('text');
    expect(await read('over-limit.txt')).toEqual({kind: 'unsendable', reason: 'over 256 kB'});
  });

  // Linux's /proc/kallsyms says it is 0 bytes long and holds megabytes: the limit is on what is read.
  it.skipIf(!existsSync('/proc/kallsyms'))('reads to the limit, not to the size a file claims (/proc files say 0)', async () => {
    expect(statSync('/proc/kallsyms').size).toBe(0);
    const read = await readSourceFile('/proc/kallsyms', {pipes: false});
    // Not the whole text in a failure's diff: megabytes of it.
    expect(read.kind === 'text' ? `text of ${read.text.length} characters` : read).toEqual({kind: 'unsendable', reason: 'over 256 kB'});
  });

  it('calls a NUL byte binary and invalid UTF-8 not UTF-8', async () => {
    expect(await read('nul.bin')).toEqual({kind: 'unsendable', reason: 'binary'});
    expect(await read('latin1.txt')).toEqual({kind: 'unsendable', reason: 'not UTF-8'});
  });

  it('knows an image by its bytes, not its name, whatever its size', async () => {
    expect(await read('photo.dat')).toEqual({kind: 'media', media: 'image'});
    expect(await read('named.png')).toEqual({kind: 'text', text: 'just text in a .png'});
    expect(await read('big.png')).toEqual({kind: 'media', media: 'image'});
  });

  it('looks for a NUL in the first 8 kB only, as git does, but checks UTF-8 throughout', () => {
    expect(decodeSourceText(Buffer.concat([Buffer.alloc(8192, 'a'), Buffer.from([0])]))).toEqual({kind: 'text', text: `${'a'.repeat(8192)}\u0000`});
    expect(decodeSourceText(Buffer.concat([Buffer.alloc(10_000, 'a'), Buffer.from([0xff])])).kind).toBe('unsendable');
  });
});

describe('skippedReport', () => {
  it('says nothing when nothing was skipped', () => {
    expect(skippedReport([])).toBeUndefined();
  });

  it('names each file and why', () => {
    expect(skippedReport([{name: 'dist/app.js', reason: 'over 256 kB'}, {name: 'logo.png', reason: 'image'}])).toBe('skipped 2 files: dist/app.js (over 256 kB), logo.png (image)');
    expect(skippedReport([{name: 'a.bin', reason: 'binary'}])).toBe('skipped 1 file: a.bin (binary)');
  });

  it('stays one bounded line however many were skipped', () => {
    const many = Array.from({length: 500}, (_, i) => ({name: `assets/img-${i}.png`, reason: 'image'}));
    const line = skippedReport(many) ?? '';
    expect(line).toMatch(/^skipped 500 files: assets\/img-0\.png \(image\), .*, and \d+ more$/);
    expect(line.length).toBeLessThan(220);
    expect(line).not.toContain('\n');
  });

  it('shows control characters in a file name instead of sending them to the terminal', () => {
    expect(skippedReport([{name: 'evil\u001b]0;pwned\u0007.bin', reason: 'binary'}])).toBe('skipped 1 file: evil^[]0;pwned^G.bin (binary)');
  });
});
