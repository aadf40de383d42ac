import {mkdirSync, mkdtempSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {walkDirectory} from '../../src/context/walk-directory.js';

/** A scratch tree: each key a path, each value its content. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'gemma-walk-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), {recursive: true});
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('walkDirectory', () => {
  it('lists every file recursively, sorted by path, named from the directory as given', async () => {
    const root = tree({'b.ts': '', 'a/z.ts': '', 'a.ts': '', 'a/b/c.ts': '', '.env.example': ''});
    const {files} = await walkDirectory('.', root);
    expect(files).toEqual(['.env.example', 'a.ts', 'a/b/c.ts', 'a/z.ts', 'b.ts']);
    expect((await walkDirectory('a/', root)).files).toEqual(['a/b/c.ts', 'a/z.ts']);
  });

  it('skips .git/ and node_modules/ at any depth, with or without a .gitignore', async () => {
    const root = tree({'.git/HEAD': 'ref', 'node_modules/x/index.js': '', 'pkg/node_modules/y.js': '', 'pkg/main.js': ''});
    expect((await walkDirectory('.', root)).files).toEqual(['pkg/main.js']);
  });

  it('honours the root .gitignore: patterns, directory-only rules and negation', async () => {
    const root = tree({
      '.gitignore': 'dist/\n*.log\n!keep.log\nbuild\n',
      'dist/app.js': '', 'src/dist.ts': '', 'a.log': '', 'keep.log': '', 'build/out.txt': '', 'src/app.ts': '',
    });
    expect((await walkDirectory('.', root)).files).toEqual(['.gitignore', 'keep.log', 'src/app.ts', 'src/dist.ts']);
  });

  it('honours a nested .gitignore for the paths below it only, and lets it re-include', async () => {
    const root = tree({
      '.gitignore': '*.gen.ts\nsecret.txt\n',
      'a/.gitignore': '!wanted.gen.ts\nlocal.txt\n',
      'a/wanted.gen.ts': '', 'a/other.gen.ts': '', 'a/local.txt': '', 'local.txt': '', 'secret.txt': '', 'a/secret.txt': '',
    });
    expect((await walkDirectory('.', root)).files).toEqual(['.gitignore', 'a/.gitignore', 'a/wanted.gen.ts', 'local.txt']);
  });

  it('inside a repository, applies the .gitignore files above the named directory', async () => {
    const root = tree({'.git/HEAD': '', '.gitignore': 'generated/\n', 'src/generated/x.ts': '', 'src/app.ts': ''});
    expect((await walkDirectory('src', root)).files).toEqual(['src/app.ts']);
  });

  it('walks a directory the user named even when the rules above it ignore it', async () => {
    const root = tree({'.git/HEAD': '', '.gitignore': 'dist/\n', 'dist/app.js': ''});
    expect((await walkDirectory('dist', root)).files).toEqual(['dist/app.js']);
  });

  it('reads linked files but does not follow linked directories (a link can loop)', async () => {
    const root = tree({'real/a.txt': ''});
    symlinkSync(join(root, 'real'), join(root, 'loop'));
    symlinkSync(join(root, 'real/a.txt'), join(root, 'link.txt'));
    expect(await walkDirectory('.', root)).toEqual({files: ['link.txt', 'real/a.txt'], linkedDirectories: ['loop']});
  });
});
