import {chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {openInEditor} from '../../src/ui/open-in-editor.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, {recursive: true, force: true});
});

/** A stand-in editor: a shell script that records what it was given and writes `reply`. */
function fakeEditor(reply: string, status = 0): {command: string; log: string} {
  const folder = mkdtempSync(join(tmpdir(), 'gemma-fake-editor-'));
  folders.push(folder);
  const log = join(folder, 'log');
  const script = join(folder, 'editor.sh');
  writeFileSync(
    script,
    // The file is the last argument, after any the command line carries (`code --wait`).
    `#!/bin/sh\nfor f; do :; done\n{ echo "$1"; stat -c %a "$f"; cat "$f"; } > '${log}'\nprintf '${reply}' > "$f"\nexit ${status}\n`,
  );
  chmodSync(script, 0o755);
  return {command: `${script} --wait`, log};
}

const stdin = {isTTY: false} as unknown as NodeJS.ReadStream;

describe('openInEditor', () => {
  it('hands the draft over in a private file and returns the edit without its final newline', async () => {
    const editor = fakeEditor('edited text\\n');
    const result = await openInEditor('draft', {command: editor.command, stdin});
    expect(result).toBe('edited text');
    const [first, mode, content] = readFileSync(editor.log, 'utf8').split('\n');
    expect(first).toBe('--wait');
    expect(mode).toBe('600');
    expect(content).toBe('draft');
  });

  it('leaves no temporary file behind', async () => {
    const before = readdirSync(tmpdir()).filter((name) => name.startsWith('gemma-edit-'));
    await openInEditor('draft', {command: fakeEditor('x').command, stdin});
    await openInEditor('draft', {command: fakeEditor('x', 2).command, stdin});
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('gemma-edit-'))).toEqual(before);
  });

  it('gives undefined when the editor fails', async () => {
    const editor = fakeEditor('ignored', 1);
    expect(await openInEditor('draft', {command: editor.command, stdin})).toBeUndefined();
    expect(await openInEditor('draft', {command: '/nonexistent/editor', stdin})).toBeUndefined();
  });
});
