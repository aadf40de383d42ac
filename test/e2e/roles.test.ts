import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import * as yaml from 'yaml';
import {describe, expect, it} from 'vitest';
import {BUILTIN_ROLES} from '../../src/roles/builtin-roles.js';
import {parseRole} from '../../src/roles/parse-role.js';
import {expectOneLine, simEnv, tempHome, type Home} from '../faults/helpers.js';
import {cliEnv, runCli, type CliRun} from '../support/run-cli.js';
import {runInPty} from '../support/run-in-pty.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

const gemma = (home: Home, args: string[], options: {stdin?: string; env?: Record<string, string>} = {}): Promise<CliRun> =>
  runCli(args, {env: simEnv(sim, home, options.env), ...(options.stdin === undefined ? {} : {stdin: options.stdin})});

/** The built-in role's system prompt as its file says it. */
const builtinPrompt = (name: string): string => parseRole(BUILTIN_ROLES[name] ?? '', name, yaml).values.get('systemPrompt') as string;

function writeRole(home: Home, name: string, text: string): string {
  mkdirSync(join(home.configDir, 'roles'), {recursive: true});
  const path = join(home.configDir, 'roles', `${name}.md`);
  writeFileSync(path, text);
  return path;
}

/** An editor that writes $ROLE_TEXT into the file it is given, as a user saving in vi would. */
const editor = ((): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'gemma-editor-')), 'editor.sh');
  writeFileSync(path, '#!/bin/sh\nprintf "%s" "$ROLE_TEXT" > "$1"\n');
  chmodSync(path, 0o755);
  return path;
})();

const DIFF = 'diff --git a/app.ts b/app.ts\n--- a/app.ts\n+++ b/app.ts\n@@ -1 +1 @@\n-const a = 1;\n+const a = 2;\n';

describe('roles in what is sent', () => {
  it('git diff | gemma ask -r commit sends the commit role\'s prompt and settings, and the diff as the message', async () => {
    const result = await gemma(tempHome(), ['ask', '-r', 'commit'], {stdin: DIFF});
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('You said: diff --git');
    expect(sim.tasks()).toHaveLength(1);
    expect(sim.tasks()[0]?.settings).toEqual({systemPrompt: builtinPrompt('commit'), temperature: 0.3});
    expect(sim.tasks()[0]?.messages).toEqual([{role: 'user', content: DIFF.trimEnd()}]);
  });

  it('gemma chat -r code on a pipe sends the code role, with its no-fences line for a pipe', async () => {
    const result = await gemma(tempHome(), ['chat', '--role', 'code'], {stdin: 'a function that adds\n'});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('You said: a function that adds');
    const settings = sim.tasks()[0]?.settings as Record<string, unknown>;
    expect(settings.temperature).toBe(0.2);
    expect(settings.systemPrompt).toBe(`${builtinPrompt('code')}\n\nDo not wrap the code in markdown fences or backticks; print the raw code only, so that it can be saved to a file or piped as it is.`);
  });

  it('flag > role > environment > config file > default, and config list names the role as the source', async () => {
    const home = tempHome();
    writeRole(home, 'rev', '---\ndescription: reviewer\ntemperature: 0.5\nmaxTokens: 100\ntopK: 5\n---\nReview the diff.\n');
    for (const [key, value] of [['temperature', '0.1'], ['topP', '0.3'], ['role', 'rev']]) {
      expect((await gemma(home, ['config', 'set', key!, value!])).code).toBe(0);
    }
    const env = {GEMMA_MAX_TOKENS: '50', GEMMA_MIN_P: '0.2'};
    const result = await gemma(home, ['ask', '--top-k', '9', 'go'], {env});
    expect(result.code).toBe(0);
    expect(sim.tasks()[0]?.settings).toEqual({systemPrompt: 'Review the diff.', temperature: 0.5, maxTokens: 100, topK: 9, topP: 0.3, minP: 0.2});
    const list = await gemma(home, ['config', 'list'], {env});
    expect(list.code).toBe(0);
    const row = (name: string): string[] | undefined => list.stdout.split('\n').find((line) => line.startsWith(`${name} `))?.trim().split(/\s{2,}/);
    expect(row('systemPrompt')).toEqual(['systemPrompt', 'Review the diff.', 'role rev']);
    expect(row('temperature')).toEqual(['temperature', '0.5', 'role rev']);
    expect(row('maxTokens')).toEqual(['maxTokens', '100', 'role rev']);
    expect(row('topP')).toEqual(['topP', '0.3', 'config']);
    expect(row('minP')).toEqual(['minP', '0.2', 'env']);
    expect(row('role')).toEqual(['role', 'rev', 'config']);
    // --role for one run wins over the default role.
    await gemma(home, ['ask', '-r', 'shell', 'list files'], {env});
    expect(sim.tasks()[1]?.settings).toMatchObject({systemPrompt: builtinPrompt('shell'), temperature: 0.2, maxTokens: 50});
  });
});

describe('an unknown role', () => {
  const dirOf = (home: Home): string => join(home.configDir, 'roles');

  it.each(['ask', 'chat'])('gemma %s -r cod: exit 2, did you mean, where roles live, nothing sent', async (command) => {
    const home = tempHome();
    const result = await gemma(home, [command, '-r', 'cod', 'hi'], {stdin: ''});
    expectOneLine(result.stderr, `gemma: unknown role "cod": did you mean code? (roles live in ${dirOf(home)}; gemma roles list)`);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
    expect(sim.requests).toHaveLength(0);
  });

  it('config set role checks that the role exists and leaves the file alone', async () => {
    const home = tempHome();
    const result = await gemma(home, ['config', 'set', 'role', 'cod']);
    expectOneLine(result.stderr, `gemma: unknown role "cod": did you mean code? (roles live in ${dirOf(home)}; gemma roles list)`);
    expect(result.code).toBe(2);
    expect(existsSync(join(home.configDir, 'config.json'))).toBe(false);
  });

  it('a broken default role (config key role) is exit 3, saying how to fix it', async () => {
    const home = tempHome();
    const path = writeRole(home, 'gone', 'Be brief.\n');
    expect((await gemma(home, ['config', 'set', 'role', 'gone'])).code).toBe(0);
    writeFileSync(path, '---\ntemperature: 9\n---\n');
    const result = await gemma(home, ['ask', 'hi']);
    expectOneLine(result.stderr, /^gemma: config key role: roles\/gone\.md:2: temperature: "9" is out of range; .*; fix it with `gemma roles edit gone`$/);
    expect(result.code).toBe(3);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('gemma roles', () => {
  it('new writes the template, opens $EDITOR, checks the result and the role is usable at once', async () => {
    const home = tempHome();
    const text = '---\ndescription: terse\nmaxTokens: 64\n---\nAnswer in one line.\n';
    const made = await gemma(home, ['roles', 'new', 'terse'], {env: {EDITOR: editor, ROLE_TEXT: text}});
    const path = join(home.configDir, 'roles', 'terse.md');
    expect(made.stdout).toBe('');
    expectOneLine(made.stderr, `saved role terse: ${path}`);
    expect(made.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(text);
    await gemma(home, ['ask', '-r', 'terse', 'hi']);
    expect(sim.tasks()[0]?.settings).toEqual({systemPrompt: 'Answer in one line.', maxTokens: 64});
    const list = await gemma(home, ['roles', 'list']);
    expect(list.stdout.split('\n')).toContain('terse    yours     terse');
    // A second new of the same name would overwrite the user's work: refused.
    const again = await gemma(home, ['roles', 'new', 'terse'], {env: {EDITOR: editor, ROLE_TEXT: 'x'}});
    expectOneLine(again.stderr, `gemma: role terse already exists (${path}); allowed: gemma roles edit terse`);
    expect(again.code).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('a mistake made in the editor is named with file and line, exit 2, and the edit is kept', async () => {
    const home = tempHome();
    const text = '---\ndescription: bad\n\ntemperature: 5\n---\nBe brief.\n';
    const result = await gemma(home, ['roles', 'new', 'bad'], {env: {EDITOR: editor, ROLE_TEXT: text}});
    expectOneLine(result.stderr, 'gemma: roles/bad.md:4: temperature: "5" is out of range; allowed: a number from 0 to 2 in steps of 0.01; the file is kept as written (gemma roles edit bad)');
    expect(result.code).toBe(2);
    expect(readFileSync(join(home.configDir, 'roles', 'bad.md'), 'utf8')).toBe(text);
    // Using it says the same, before anything is sent.
    const used = await gemma(home, ['ask', '-r', 'bad', 'hi']);
    expectOneLine(used.stderr, 'gemma: roles/bad.md:4: temperature: "5" is out of range; allowed: a number from 0 to 2 in steps of 0.01');
    expect(used.code).toBe(2);
    expect(sim.requests).toHaveLength(0);
  });

  it('edit of a built-in role edits the user\'s own copy, which wins until rm', async () => {
    const home = tempHome();
    const text = '---\ndescription: my code\n---\nOnly TypeScript.\n';
    const edited = await gemma(home, ['roles', 'edit', 'code'], {env: {EDITOR: editor, ROLE_TEXT: text}});
    const path = join(home.configDir, 'roles', 'code.md');
    expect(edited.stderr).toBe(`editing your own copy of the built-in code: ${path}\nsaved role code: ${path}\n`);
    expect(edited.code).toBe(0);
    expect((await gemma(home, ['roles', 'list'])).stdout).toMatch(/^code +yours, over the built-in +my code$/m);
    expect((await gemma(home, ['roles', 'show', 'code'])).stdout).toBe(text);
    await gemma(home, ['ask', '-r', 'code', 'hi']);
    expect(sim.tasks()[0]?.settings).toEqual({systemPrompt: 'Only TypeScript.'});
    const removed = await gemma(home, ['roles', 'rm', 'code']);
    expectOneLine(removed.stderr, `removed ${path}; the built-in code applies again`);
    expect(existsSync(path)).toBe(false);
    expect((await gemma(home, ['roles', 'show', 'code'])).stdout).toBe(BUILTIN_ROLES.code);
    const builtin = await gemma(home, ['roles', 'rm', 'code']);
    expectOneLine(builtin.stderr, 'gemma: role code is built in: there is no file to remove (gemma roles edit code makes your own copy)');
    expect(builtin.code).toBe(2);
  });

  it('list shows a description from the file inert and on its row; show into a pipe is the file byte for byte', async () => {
    const home = tempHome();
    const text = '---\ndescription: "evil \\e]0;pwned\\a two\\nlines"\n---\nx\n';
    writeRole(home, 'evil', text);
    const list = await gemma(home, ['roles', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain('\u001b');
    expect(list.stdout.split('\n')).toContain('evil     yours     evil ^[]0;pwned^G two lines');
    const shown = await gemma(home, ['roles', 'show', 'evil']);
    expect(shown.stdout).toBe(text);
  });

  it('show on a terminal shows the controls of the file, not obeyed', async () => {
    const home = tempHome();
    writeRole(home, 'raw', '---\ndescription: raw\n---\nYou are \u001b]0;pwned\u0007 here.\n');
    const {output, code} = await runInPty(['roles', 'show', 'raw'], cliEnv(home));
    expect(code).toBe(0);
    expect(output).toContain('You are ^[]0;pwned^G here.');
    expect(output).not.toContain('\u001b]0;');
  });

  it('path prints where roles live, or one role\'s file', async () => {
    const home = tempHome();
    expect((await gemma(home, ['roles', 'path'])).stdout).toBe(`${join(home.configDir, 'roles')}\n`);
    expect((await gemma(home, ['roles', 'path', 'code'])).stdout).toBe(`${join(home.configDir, 'roles', 'code.md')}\n`);
  });
});
