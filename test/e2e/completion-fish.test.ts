import {spawnSync} from 'node:child_process';
import {beforeAll, describe, expect, it} from 'vitest';
import {completionHome, completionScriptFile, hasShell, type CompletionHome} from '../support/completion-home.js';

// fish is not on every machine (`apt-get install -y fish`): without it these are skipped.
const fish = hasShell('fish');

let home: CompletionHome;
let script: string;

beforeAll(async () => {
  if (!fish) return;
  home = completionHome();
  script = await completionScriptFile(home, 'fish');
});

/** What fish offers for this command line (`complete -C`), as [candidate, description] pairs. */
function complete(line: string): [string, string][] {
  const result = spawnSync('fish', ['--no-config', '-c', `source ${script}; complete -C ${JSON.stringify(line)}`], {env: home.env, cwd: home.cwd, encoding: 'utf8'});
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.split('\n').filter((row) => row !== '').map((row) => [row.split('\t')[0] ?? '', row.split('\t')[1] ?? '']);
}

const candidates = (line: string): string[] => complete(line).map(([word]) => word);

describe.skipIf(!fish)('gemma completion fish', () => {
  it('offers the commands with their descriptions', () => {
    const offered = complete('gemma ');
    expect(offered).toContainEqual(['ask', 'ask one question; the answer streams to stdout']);
    expect(offered.map(([word]) => word)).not.toContain('__complete');
    expect(candidates('gemma sessions ')).toEqual(['export', 'help', 'list', 'rename', 'rm', 'search', 'show']);
  });

  it('offers flags with descriptions, their values, and --no- forms', () => {
    expect(complete('gemma ask --th')).toEqual([['--thinking-level', 'depth of reasoning (low|high, default high)']]);
    expect(candidates('gemma ask --thinking-level ')).toEqual(['high', 'low']);
    expect(candidates('gemma ask --render=')).toEqual(['--render=always', '--render=auto', '--render=never']);
    expect(candidates('gemma chat --no-s')).toEqual(['--no-save', '--no-save-ask', '--no-show-thinking', '--no-stream']);
    expect(candidates('gemma ask --temperature ')).toEqual([]);
  });

  it('offers paths for -f, names for --role, --session and sessions show', () => {
    expect(candidates('gemma ask -f no').sort()).toEqual(['notes-old.txt', 'notes.md']);
    expect(candidates('gemma ask --role ')).toEqual(['code', 'commit', 'explain', 'reviewer', 'shell']);
    expect(candidates('gemma chat --session ')).toEqual(['20261201-100002-cccccccccccc', 'my notes', 'renamed', 'work']);
    expect(candidates('gemma sessions show my')).toEqual(['my notes']);
    expect(candidates('gemma roles show re')).toEqual(['reviewer']);
  });

  it('offers config keys and the values of the key given', () => {
    expect(candidates('gemma config set thinking')).toEqual(['thinkingLevel']);
    expect(candidates('gemma config set thinkingLevel ')).toEqual(['high', 'low']);
  });

  it('offers no flag after --', () => {
    expect(candidates('gemma ask -- --th')).toEqual([]);
  });
});
