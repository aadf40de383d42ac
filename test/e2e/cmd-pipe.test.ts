import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, join} from 'node:path';
import * as yaml from 'yaml';
import {describe, expect, it} from 'vitest';
import {BUILTIN_ROLES} from '../../src/roles/builtin-roles.js';
import {parseRole} from '../../src/roles/parse-role.js';
import {homeEnv, runCli, tempHome} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

/** `gemma cmd` with stdin and stdout pipes (the `$(gemma cmd ...)` and `| pbcopy` path), in a fresh folder. */
function cmd(args: string[], env: Record<string, string | undefined> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'gemma-cmd-'));
  return {cwd, run: runCli(['cmd', ...args], {cwd, env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, SHELL: '/bin/bash', ...env}})};
}

const shellPrompt = parseRole(BUILTIN_ROLES.shell ?? '', 'shell', yaml).values.get('systemPrompt') as string;

describe('gemma cmd in a pipe', () => {
  it('prints only the command and a newline, runs nothing, exits 0', async () => {
    sim.script({answer: 'touch ran-it', reasoning: ''});
    const {cwd, run} = cmd(['make', 'a', 'file']);
    const result = await run;
    expect(result).toMatchObject({stdout: 'touch ran-it\n', stderr: '', code: 0});
    expect(existsSync(join(cwd, 'ran-it'))).toBe(false);
    expect(sim.tasks()[0]?.messages).toEqual([{role: 'user', content: 'make a file'}]);
  });

  it('sends the shell role with the shell, OS and directory name, at low thinking', async () => {
    sim.script({answer: 'ls', reasoning: ''});
    const {cwd, run} = cmd(['list', 'files'], {SHELL: '/usr/bin/zsh'});
    expect((await run).code).toBe(0);
    const settings = sim.tasks()[0]?.settings as Record<string, unknown>;
    expect(settings.thinkingLevel).toBe('low');
    expect(settings.temperature).toBe(0.2);
    const prompt = String(settings.systemPrompt);
    expect(prompt.startsWith(`${shellPrompt}\n\nThe user's shell: zsh.\nThe operating system: Linux`)).toBe(true);
    expect(prompt.endsWith(`\nThe current directory is named: ${basename(cwd)}.`)).toBe(true);
  });

  it('takes every setting flag: -m, -t, --thinking-level', async () => {
    sim.script({answer: 'ls', reasoning: ''});
    const result = await cmd(['-t', '0.7', '--thinking-level', 'high', '--max-tokens', '50', 'list']).run;
    expect(result.code).toBe(0);
    expect(sim.tasks()[0]?.settings).toMatchObject({temperature: 0.7, thinkingLevel: 'high', maxTokens: 50});
  });

  it('cleans fences and prose off the answer', async () => {
    sim.script({answer: 'Sure! Here is the command:\n\n```bash\n$ du -ah . | sort -rh | head -n 10\n```\n\nIt lists the ten largest files.', reasoning: ''});
    expect(await cmd(['find', 'the', 'ten', 'largest', 'files', 'here']).run).toMatchObject({stdout: 'du -ah . | sort -rh | head -n 10\n', code: 0});
  });

  it('uses the user\'s roles/shell.md over the built-in one', async () => {
    const home = tempHome();
    mkdirSync(join(home.configDir, 'roles'), {recursive: true});
    writeFileSync(join(home.configDir, 'roles', 'shell.md'), '---\ndescription: mine\n---\nOnly PowerShell.\n');
    sim.script({answer: 'Get-ChildItem', reasoning: ''});
    const result = await cmd(['list'], homeEnv(home)).run;
    expect(result.stdout).toBe('Get-ChildItem\n');
    expect(String((sim.tasks()[0]?.settings as Record<string, unknown>).systemPrompt)).toMatch(/^Only PowerShell\.\n\nThe user's shell: bash\./);
  });

  it('fails like ask: no key (3), a service error (1), an answer without a command (1)', async () => {
    const noKey = await cmd(['list'], {RUNWARE_API_KEY: undefined}).run;
    expect(noKey).toMatchObject({stdout: '', code: 3});
    expect(noKey.stderr).toMatch(/^gemma: no API key; set RUNWARE_API_KEY/);
    expect(sim.requests).toHaveLength(0);
    sim.script({status: 401});
    const denied = await cmd(['list']).run;
    expect(denied).toMatchObject({stdout: '', code: 1});
    expect(denied.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    sim.script({answer: '```\n```', reasoning: ''});
    expect(await cmd(['list']).run).toMatchObject({stdout: '', stderr: 'gemma: the answer held no command; try again, or say more about the task\n', code: 1});
    // A sentence alone is no command: printed, it would be put on the command line (the widget) or run.
    sim.script({answer: "I can't help with that.\nDeleting system files would break the system.", reasoning: ''});
    expect(await cmd(['list']).run).toMatchObject({stdout: '', stderr: 'gemma: the answer held no command: "I can\'t help with that. Deleting system files would break the system."; try again, or say more about the task\n', code: 1});
    sim.script({answer: 'Run this command in your terminal.', reasoning: ''});
    expect(await cmd(['list']).run).toMatchObject({stdout: '', code: 1});
  });

  it('asks for one command when the environment or config asks ask for several results', async () => {
    const home = tempHome();
    mkdirSync(home.configDir, {recursive: true});
    writeFileSync(join(home.configDir, 'config.json'), JSON.stringify({numberResults: 3}));
    sim.script({answer: 'ls', reasoning: ''});
    expect(await cmd(['list'], homeEnv(home)).run).toMatchObject({stdout: 'ls\n', stderr: '', code: 0});
    sim.script({answer: 'ls -a', reasoning: ''});
    expect(await cmd(['list', 'all'], {GEMMA_NUMBER_RESULTS: '2'}).run).toMatchObject({stdout: 'ls -a\n', stderr: '', code: 0});
    for (const task of sim.tasks()) expect(task.numberResults ?? 1).toBe(1);
  });

  it('refuses an empty task, several results and --json with exit 2, sending nothing', async () => {
    for (const [args, message] of [
      [[''], /^gemma: the task is empty; allowed: words/],
      [['-n', '2', 'list'], /^gemma: gemma cmd gives one command; --number-results 2 is not allowed here; allowed: 1\n$/],
      [['--json', 'list'], /^gemma: gemma cmd prints the command as text; --json is not allowed here/],
    ] as const) {
      const result = await cmd([...args]).run;
      expect(result, args.join(' ')).toMatchObject({stdout: '', code: 2});
      expect(result.stderr).toMatch(message);
    }
    expect(sim.requests).toHaveLength(0);
  });
});
