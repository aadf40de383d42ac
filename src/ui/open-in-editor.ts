import {spawnSync} from 'node:child_process';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface EditorOptions {
  /** A command line such as `vim` or `code --wait`; the file name is added as the last argument. */
  command: string;
  stdin: NodeJS.ReadStream;
}

/**
 * Lets the user edit `text` in their editor and returns the result, or undefined when the editor
 * could not be run or failed. The editor owns the terminal meanwhile: raw mode is off (ink's
 * input handling cannot run during the synchronous spawn anyway) and back on afterwards.
 */
export async function openInEditor(text: string, {command, stdin}: EditorOptions): Promise<string | undefined> {
  // A private folder, not a guessable name in /tmp: the draft may hold anything.
  const folder = await mkdtemp(join(tmpdir(), 'gemma-edit-'));
  const file = join(folder, 'prompt.md');
  try {
    await writeFile(file, text, {mode: 0o600});
    const [program, ...args] = command.trim().split(/\s+/);
    if (!program) return undefined;
    const raw = stdin.isTTY && stdin.isRaw;
    if (raw) stdin.setRawMode(false);
    let result;
    try {
      result = spawnSync(program, [...args, file], {stdio: 'inherit'});
    } finally {
      if (raw) stdin.setRawMode(true);
    }
    if (result.error || result.status !== 0) return undefined;
    return (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
  } finally {
    await rm(folder, {recursive: true, force: true});
  }
}
