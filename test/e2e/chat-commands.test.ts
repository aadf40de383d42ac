import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {expectNoTrace, simEnv} from '../faults/helpers.js';
import {runCli, tempHome} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

describe('chat commands through the built CLI (piped lines)', () => {
  it('// sends a message starting with /, settings show their source, /save expands ~ and says why it cannot write', async () => {
    const home = mkdtempSync(join(tmpdir(), 'gemma-home-'));
    const lines = [
      '//etc/hosts what is this file?',
      '/etc/hosts',
      '/set maxTokens',
      '/set systemPrompt be brief please',
      '/system',
      'hi',
      '/save ~/conv.md',
      '/save ~/missing/conv.md',
    ];
    const run = await runCli(['chat', '--max-tokens', '400'], {stdin: lines.map((line) => `${line}\n`).join(''), env: simEnv(sim, tempHome(), {HOME: home})});
    expectNoTrace(run.stderr);
    expect(run.code).toBe(1);
    const tasks = sim.tasks() as Array<{messages: Array<{content: string}>; settings?: Record<string, unknown>}>;
    expect(tasks.map((task) => task.messages.at(-1)?.content)).toEqual(['/etc/hosts what is this file?', 'hi']);
    expect(tasks[1]?.settings).toMatchObject({maxTokens: 400, systemPrompt: 'be brief please'});
    expect(run.stderr.split('\n')).toEqual([
      'gemma: unknown command /etc/hosts (/help lists them); to send it as a message, start it with //',
      'maxTokens = 400 (from --max-tokens)',
      'systemPrompt = be brief please',
      'systemPrompt = be brief please (set with /set in this session)',
      `saved to ${join(home, 'conv.md')}`,
      `gemma: /save: cannot write ${join(home, 'missing', 'conv.md')}: no such file or folder`,
      'gemma: some lines failed (see above)',
      '',
    ]);
    expect(readFileSync(join(home, 'conv.md'), 'utf8')).toMatch(/^## You\n\n\/etc\/hosts what is this file\?\n\n## Gemma\n\n/);
    expect(existsSync(join(home, 'missing'))).toBe(false);
  });
});
