import {spawnSync} from 'node:child_process';
import {beforeAll, describe, expect, it} from 'vitest';
import {completionHome, completionScriptFile, hasShell, type CompletionHome} from '../support/completion-home.js';

// zsh is not on every machine (`apt-get install -y zsh`): without it these are skipped.
const zsh = hasShell('zsh');

let home: CompletionHome;
let script: string;

beforeAll(async () => {
  if (!zsh) return;
  home = completionHome();
  script = await completionScriptFile(home, 'zsh');
});

/**
 * What `_gemma` hands zsh's completion system for these words, the cursor on the last: zsh -f
 * runs the script with compadd, _describe, _files and compset standing in for the real ones,
 * each printing what it was given (the widgets work only inside a live line editor).
 */
function complete(...words: string[]): string[] {
  const harness = [
    'compdef() { print -r -- "compdef $*"; }',
    'compadd() { local -a given; if [[ $1 == -a ]]; then given=(${(P)2}); else shift; given=("$@"); fi; print -rl -- "${given[@]}"; }',
    '_describe() { print -rl -- "${(P)4[@]}"; }',
    '_files() { print -r -- "(files)"; }',
    'compset() { print -r -- "(compset $*)"; }',
    `source ${script} >/dev/null`,
    'words=("$@"); CURRENT=${#words}',
    '_gemma',
  ].join('\n');
  const result = spawnSync('zsh', ['-f', '-c', harness, 'zsh', ...words], {env: home.env, cwd: home.cwd, encoding: 'utf8'});
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter((line) => line !== '');
}

describe.skipIf(!zsh)('gemma completion zsh', () => {
  it('registers itself with compdef when evaluated', () => {
    const result = spawnSync('zsh', ['-f', '-c', `compdef() { print -r -- "compdef $*"; }; source ${script}`], {env: home.env, encoding: 'utf8'});
    expect(result.stdout).toBe('compdef _gemma gemma\n');
  });

  it('describes the commands and the flags', () => {
    expect(complete('gemma', '')).toContain('ask:ask one question; the answer streams to stdout');
    expect(complete('gemma', '')).not.toContainEqual(expect.stringMatching(/^__complete/));
    expect(complete('gemma', 'ask', '--th')).toContain('--thinking-level:depth of reasoning (low|high, default high)');
    expect(complete('gemma', 'ask', '--th')).toContain('--no-stream:same as --delivery sync');
  });

  it('completes values: enums, after = too, paths, roles, sessions, config values', () => {
    expect(complete('gemma', 'ask', '--thinking-level', '')).toEqual(['low', 'high']);
    expect(complete('gemma', 'ask', '--render=al')).toEqual(['(compset -P *=)', 'auto', 'always', 'never']);
    expect(complete('gemma', 'ask', '-f', '')).toEqual(['(files)']);
    expect(complete('gemma', 'ask', '--role', '')).toEqual(['code', 'commit', 'explain', 'reviewer', 'shell']);
    expect(complete('gemma', 'sessions', 'show', '')).toEqual(['20261201-100002-cccccccccccc', 'my notes', 'renamed', 'work']);
    expect(complete('gemma', 'config', 'set', 'thinkingLevel', '')).toEqual(['low', 'high']);
    expect(complete('gemma', 'ask', '--temperature', '')).toEqual([]);
  });

  it('offers no flag after --', () => {
    expect(complete('gemma', 'ask', '--', '--th')).toEqual([]);
  });
});
