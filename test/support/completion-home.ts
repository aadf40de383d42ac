import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cliEnv, GEMMA_BIN, runCli, tempHome} from './run-cli.js';

export interface CompletionHome {
  /** The environment a shell runs in: a private home, and `gemma` on PATH (the built bin/gemma.js). */
  env: Record<string, string>;
  /** A folder holding notes.md, notes-old.txt and a folder nested/: what path flags complete. */
  cwd: string;
  dataDir: string;
}

const session = (id: string, name?: string): string => `${JSON.stringify({type: 'session', version: 1, id, at: '2026-12-01T10:00:00.000Z', ...(name ? {name} : {})})}\n`;

/**
 * A private home with a role of the user's (reviewer), sessions named "my notes" and "work",
 * one unnamed, and one named "old" then renamed "renamed" (after a message that quotes "rename").
 */
export function completionHome(): CompletionHome {
  const home = tempHome();
  mkdirSync(join(home.configDir, 'roles'), {recursive: true});
  writeFileSync(join(home.configDir, 'roles', 'reviewer.md'), '---\ndescription: reviews\n---\nReview the code.\n');
  const sessions = join(home.dataDir, 'sessions');
  mkdirSync(sessions, {recursive: true});
  writeFileSync(join(sessions, '20261201-100000-aaaaaaaaaaaa.jsonl'), session('20261201-100000-aaaaaaaaaaaa', 'my notes'));
  writeFileSync(join(sessions, '20261201-100001-bbbbbbbbbbbb.jsonl'), session('20261201-100001-bbbbbbbbbbbb', 'work'));
  writeFileSync(join(sessions, '20261201-100002-cccccccccccc.jsonl'), session('20261201-100002-cccccccccccc'));
  writeFileSync(join(sessions, '20261201-100003-dddddddddddd.jsonl'), [
    session('20261201-100003-dddddddddddd', 'old'),
    `${JSON.stringify({type: 'user', at: '2026-12-01T10:00:01.000Z', text: 'say "rename" now'})}\n`,
    `${JSON.stringify({type: 'rename', name: 'renamed', at: '2026-12-01T10:00:02.000Z'})}\n`,
  ].join(''));
  const bin = mkdtempSync(join(tmpdir(), 'gemma-bin-'));
  symlinkSync(GEMMA_BIN, join(bin, 'gemma'));
  const cwd = mkdtempSync(join(tmpdir(), 'gemma-complete-cwd-'));
  writeFileSync(join(cwd, 'notes.md'), 'x');
  writeFileSync(join(cwd, 'notes-old.txt'), 'x');
  mkdirSync(join(cwd, 'nested'));
  const env = cliEnv(home, {PATH: `${bin}:${process.env.PATH ?? ''}`});
  return {env, cwd, dataDir: home.dataDir};
}

/** `gemma completion SHELL` as the user runs it, written to a file in the home. */
export async function completionScriptFile(home: CompletionHome, shell: string): Promise<string> {
  const result = await runCli(['completion', shell], {env: home.env});
  if (result.code !== 0 || result.stderr !== '') throw new Error(`gemma completion ${shell} failed: ${result.stderr}`);
  const path = join(home.cwd, '..', `completion.${shell}`);
  writeFileSync(path, result.stdout);
  return path;
}

/** Whether a shell is installed: the zsh and fish tests are skipped without it. */
export function hasShell(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0'], {stdio: 'ignore'}).status === 0;
}
