import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {expectOneLine, simEnv, tempHome, type Home} from '../faults/helpers.js';
import {runCli, type CliRun} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

const dir = mkdtempSync(join(tmpdir(), 'gemma-system-file-'));
/** A file in the scratch folder holding `content`; returns its path. */
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// A persona as people write them: several lines, non-ASCII, and the newline editors add at the end.
const PERSONA = 'You are a terse pirate.\nAnswer in one sentence — no café talk.\n';
const LIMIT = 50_000;

type Command = 'ask' | 'chat';
const run = (command: Command, args: string[], home: Home = tempHome()): Promise<CliRun> =>
  command === 'ask' ? runCli(['ask', ...args, 'go'], {env: simEnv(sim, home)}) : runCli(['chat', ...args], {stdin: 'go\n', env: simEnv(sim, home)});

const sentSystemPrompt = (): unknown => (sim.tasks()[0]?.settings as Record<string, unknown> | undefined)?.systemPrompt;

describe.each(['ask', 'chat'] as const)('gemma %s --system-file', (command) => {
  it('sends the file\'s text, exactly, as settings.systemPrompt', async () => {
    const result = await run(command, ['--system-file', file('persona.txt', PERSONA)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('You said: go');
    expect(sim.tasks()).toHaveLength(1);
    expect(sentSystemPrompt()).toBe(PERSONA);
    // The system prompt travels in settings only, never as a message.
    expect(sim.tasks()[0]?.messages).toEqual([{role: 'user', content: 'go'}]);
  });

  it('sends a file of exactly 50,000 characters', async () => {
    const result = await run(command, ['--system-file', file('at-limit.txt', 'p'.repeat(LIMIT))]);
    expect(result.code).toBe(0);
    expect(sentSystemPrompt()).toBe('p'.repeat(LIMIT));
  });

  it('wins over a system prompt in the config file', async () => {
    const home = tempHome();
    const set = await runCli(['config', 'set', 'system-prompt', 'from the config'], {env: simEnv(sim, home)});
    expect(set.code).toBe(0);
    const result = await run(command, ['--system-file', file('persona.txt', PERSONA)], home);
    expect(result.code).toBe(0);
    expect(sentSystemPrompt()).toBe(PERSONA);
  });

  /** Refused before anything is sent: one line naming the file, exit 2, nothing on stdout, no request. */
  const expectRefused = (result: CliRun, line: string): void => {
    expectOneLine(result.stderr, line);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
    expect(sim.requests).toHaveLength(0);
  };
  const allowed = `allowed: a UTF-8 text file of 1 to ${LIMIT} characters`;

  it('a missing file: one line, exit 2, nothing sent', async () => {
    const missing = join(dir, 'no-such-persona.txt');
    expectRefused(await run(command, ['--system-file', missing]), `gemma: --system-file: "${missing}": no such file; ${allowed}`);
  });

  it('a folder: one line, exit 2, nothing sent', async () => {
    expectRefused(await run(command, ['--system-file', dir]), `gemma: --system-file: "${dir}" is not a file; ${allowed}`);
  });

  it('an empty file: one line naming the file, exit 2, nothing sent', async () => {
    const empty = file('empty.txt', '');
    expectRefused(await run(command, ['--system-file', empty]), `gemma: --system-file: "${empty}" is empty; ${allowed}`);
  });

  it('a file over 50,000 characters: one line naming the file and its length, exit 2, nothing sent', async () => {
    const big = file('too-long.txt', 'p'.repeat(LIMIT + 1));
    expectRefused(await run(command, ['--system-file', big]), `gemma: --system-file: "${big}" holds ${LIMIT + 1} characters; ${allowed}`);
  });

  it('a binary or non-UTF-8 file: one line, exit 2, nothing sent (not mangled into U+FFFD)', async () => {
    const png = file('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expectRefused(await run(command, ['--system-file', png]), `gemma: --system-file: "${png}" is not UTF-8 text; ${allowed}`);
    // Valid UTF-8 with NUL bytes (a zip header, a compiled file) is no prompt either.
    const binary = file('archive.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0]));
    expectRefused(await run(command, ['--system-file', binary]), `gemma: --system-file: "${binary}" looks binary; ${allowed}`);
    const latin1 = file('latin1.txt', Buffer.from('Tu es un pirate tr\xe8s bref.\n', 'latin1'));
    expectRefused(await run(command, ['--system-file', latin1]), `gemma: --system-file: "${latin1}" is not UTF-8 text; ${allowed}`);
  });
});
