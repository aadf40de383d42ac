import {spawnSync} from 'node:child_process';
import {beforeAll, describe, expect, it} from 'vitest';
import {completionHome, completionScriptFile, type CompletionHome} from '../support/completion-home.js';

let home: CompletionHome;
let script: string;

beforeAll(async () => {
  home = completionHome();
  script = await completionScriptFile(home, 'bash');
});

/**
 * What COMPREPLY holds after `_gemma` runs on these words, the cursor on the last one, in a
 * `bash --norc` that loaded the script as ~/.bashrc's eval line would.
 */
function complete(...words: string[]): string[] {
  return completeAfter('', ...words);
}

/** {@link complete} after `prelude` ran in that shell, as a user's ~/.bashrc may set options. */
function completeAfter(prelude: string, ...words: string[]): string[] {
  const harness = [
    prelude,
    `eval "$(cat ${JSON.stringify(script)})"`,
    'COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))',
    'COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}',
    '_gemma',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', harness, 'bash', ...words], {env: home.env, cwd: home.cwd, encoding: 'utf8'});
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.split('\n').filter((line) => line !== '');
}

describe('gemma completion bash', () => {
  it('completes the top-level commands, and none of the hidden ones', () => {
    const words = complete('gemma', '');
    expect(words).toEqual(expect.arrayContaining(['ask', 'chat', 'sessions', 'config', 'roles', 'auth', 'completion']));
    expect(words).not.toContain('__complete');
    expect(complete('gemma', 'se')).toEqual(['sessions']);
  });

  it('completes a flag from its start, and the --no- forms of switches', () => {
    expect(complete('gemma', 'ask', '--th')).toEqual(['--thinking-level']);
    expect(complete('gemma', 'ask', '--no-')).toEqual(expect.arrayContaining(['--no-cost', '--no-usage', '--no-stream']));
    expect(complete('gemma', 'chat', '--no-s')).toEqual(['--no-save', '--no-show-thinking', '--no-save-ask', '--no-stream']);
  });

  it('completes a flag\'s values from the settings table, after a space or an =', () => {
    expect(complete('gemma', 'ask', '--thinking-level', '')).toEqual(['low', 'high']);
    expect(complete('gemma', 'ask', '--render', '')).toEqual(['auto', 'always', 'never']);
    // COMP_WORDBREAKS splits --render=al into three words.
    expect(complete('gemma', 'ask', '--render', '=', 'al')).toEqual(['always']);
    expect(complete('gemma', 'chat', '-t', '0.2', '--delivery', 's')).toEqual(['stream', 'sync']);
  });

  it('completes nothing for a free-text value, and goes on after it', () => {
    expect(complete('gemma', 'ask', '--temperature', '')).toEqual([]);
    expect(complete('gemma', 'ask', '--system', '--role', '')).toEqual([]);
    expect(complete('gemma', 'ask', '--system', 'be brief', '--ro')).toEqual(['--role']);
  });

  it('completes paths for -f, --system-file and --image', () => {
    expect(complete('gemma', 'ask', '-f', 'no').sort()).toEqual(['notes-old.txt', 'notes.md']);
    expect(complete('gemma', 'ask', '--system-file', 'ne')).toEqual(['nested']);
    expect(complete('gemma', 'chat', '--image', '')).toEqual(expect.arrayContaining(['nested', 'notes.md', 'notes-old.txt']));
  });

  it('completes --role with the built-in roles and the user\'s', () => {
    expect(complete('gemma', 'ask', '--role', '')).toEqual(['code', 'commit', 'explain', 'reviewer', 'shell']);
    expect(complete('gemma', 'chat', '-r', 'c')).toEqual(['code', 'commit']);
    expect(complete('gemma', 'roles', 'show', 're')).toEqual(['reviewer']);
    expect(complete('gemma', 'roles', 'new', '')).toEqual([]);
  });

  it('completes session names (an unnamed one by its id) for --session and sessions show|rm|rename', () => {
    const all = ['20261201-100002-cccccccccccc', 'my\\ notes', 'renamed', 'work'];
    expect(complete('gemma', 'chat', '--session', '')).toEqual(all);
    expect(complete('gemma', 'sessions', 'show', '')).toEqual(all);
    expect(complete('gemma', 'sessions', 'rm', 'w')).toEqual(['work']);
    expect(complete('gemma', 'sessions', 'rename', 're')).toEqual(['renamed']);
    expect(complete('gemma', 'sessions', 'rename', 'work', '')).toEqual([]);
  });

  it('escapes a session name with a space, or closes the quote the word began with', () => {
    expect(complete('gemma', 'sessions', 'show', 'my')).toEqual(['my\\ notes']);
    expect(complete('gemma', 'sessions', 'show', 'my\\ n')).toEqual(['my\\ notes']);
    expect(complete('gemma', 'sessions', 'show', '"my')).toEqual(['"my notes"']);
    expect(complete('gemma', 'sessions', 'show', "'my")).toEqual(["'my notes'"]);
  });

  it('lists a command\'s subcommands', () => {
    expect(complete('gemma', 'sessions', '')).toEqual(['list', 'show', 'export', 'search', 'rm', 'rename', 'help']);
    expect(complete('gemma', 'config', '')).toEqual(['set', 'get', 'unset', 'list', 'path', 'help']);
    expect(complete('gemma', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('gemma', 'shell-init', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('gemma', 'sessions', 'export', '--format', '')).toEqual(['md', 'json']);
    expect(complete('gemma', 'help', 'c')).toEqual(['chat', 'cmd', 'config', 'completion']);
  });

  it('completes config keys, and the values of the key given', () => {
    expect(complete('gemma', 'config', 'set', 'th')).toEqual(['thinkingLevel']);
    expect(complete('gemma', 'config', 'set', '')).toEqual(expect.arrayContaining(['temperature', 'maxTokens', 'role']));
    expect(complete('gemma', 'config', 'set', '')).not.toContain('json');
    expect(complete('gemma', 'config', 'set', 'thinkingLevel', '')).toEqual(['low', 'high']);
    expect(complete('gemma', 'config', 'set', 'cost', '')).toEqual(['true', 'false']);
    expect(complete('gemma', 'config', 'set', 'role', 'rev')).toEqual(['reviewer']);
    expect(complete('gemma', 'config', 'get', 'maxT')).toEqual(['maxTokens']);
  });

  it('takes nothing after -- for a flag', () => {
    expect(complete('gemma', 'ask', '--', '--th')).toEqual([]);
    expect(complete('gemma', 'ask', '--', 'x', '--role', '')).toEqual([]);
  });

  it('completes the same under the options of a strict ~/.bashrc (set -u, failglob)', () => {
    const cases = [['gemma', 'sessions', 'show', ''], ['gemma', 'ask', '--role', ''], ['gemma', 'config', 'set', 'thinkingLevel', ''], ['gemma', 'ask', '-f', 'no'], ['gemma', ''], ['gemma', 'ask', '--', '']];
    for (const words of cases) {
      const plain = complete(...words);
      expect(completeAfter('set -u; shopt -s failglob', ...words)).toEqual(plain);
    }
    expect(completeAfter('set -u', 'gemma', 'sessions', 'show', 'w')).toEqual(['work']);
  });
});
