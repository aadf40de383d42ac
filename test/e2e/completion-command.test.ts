import {execFileSync} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {completionHome} from '../support/completion-home.js';
import {runCli} from '../support/run-cli.js';

describe('gemma completion and gemma __complete', () => {
  it('refuses a shell it has no script for: one line naming the allowed ones, exit 2, nothing on stdout', async () => {
    const result = await runCli(['completion', 'tcsh']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('gemma: unknown shell "tcsh"; allowed: bash, zsh or fish\n');
    expect(result.code).toBe(2);
    expect((await runCli(['completion'])).code).toBe(2);
  });

  it('lists completion in the help, never __complete', async () => {
    const result = await runCli(['--help']);
    expect(result.stdout).toMatch(/^ {2}completion <shell> +print a shell completion script/m);
    expect(result.stdout).not.toContain('__complete');
  });

  it('prints role and session names one a line on stdout, from the config and data folders', async () => {
    const {env} = completionHome();
    const roles = await runCli(['__complete', 'roles'], {env});
    expect(roles).toMatchObject({stdout: 'code\ncommit\nexplain\nreviewer\nshell\n', stderr: '', code: 0});
    const sessions = await runCli(['__complete', 'sessions'], {env});
    expect(sessions).toMatchObject({stdout: '20261201-100002-cccccccccccc\nmy notes\nrenamed\nwork\n', stderr: '', code: 0});
  });

  it('prints nothing when there are no sessions yet, and refuses a kind it does not know (exit 2)', async () => {
    expect(await runCli(['__complete', 'sessions'])).toMatchObject({stdout: '', stderr: '', code: 0});
    const unknown = await runCli(['__complete', 'models']);
    expect(unknown).toMatchObject({stdout: '', stderr: 'gemma: __complete: unknown kind "models"; allowed: roles or sessions\n', code: 2});
  });

  it('answers at once past a FIFO or a folder named like a session file, or a FIFO where the cache is', async () => {
    const {env, dataDir} = completionHome();
    // Opened blocking, a FIFO holds the open (and the TAB, and the shell) until something writes to it.
    execFileSync('mkfifo', [join(dataDir, 'sessions', 'pipe.jsonl')]);
    mkdirSync(join(dataDir, 'sessions', 'folder.jsonl'));
    mkdirSync(env.GEMMA_CACHE_DIR ?? '', {recursive: true});
    execFileSync('mkfifo', [join(env.GEMMA_CACHE_DIR ?? '', 'session-names.json')]);
    const sessions = await runCli(['__complete', 'sessions'], {env, timeoutMs: 5000});
    expect(sessions).toMatchObject({stdout: '20261201-100002-cccccccccccc\nmy notes\nrenamed\nwork\n', stderr: '', code: 0, signal: null});
  });
});
