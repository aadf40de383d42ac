import {describe, expect, it} from 'vitest';
import {runCli} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

const gemma = (args: string[], options: {stdin?: string; env?: Record<string, string>} = {}) =>
  runCli(args, {stdin: options.stdin ?? '', env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...options.env}});

describe('a mistyped setting name gets "did you mean"', () => {
  it('in config set: one line, exit 2', async () => {
    const run = await gemma(['config', 'set', 'temprature', '0.5']);
    expect(run.stderr).toBe('gemma: unknown setting "temprature"; did you mean temperature?\n');
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });

  it('in /set of a piped chat: the line is refused, the next one sent without it', async () => {
    sim.script({answer: 'Fine.'});
    const run = await gemma(['chat'], {stdin: '/set temprature 0.5\nhi\n'});
    expect(run.stderr).toContain('gemma: unknown setting "temprature"; did you mean temperature?\n');
    expect(run.stdout).toBe('Fine.\n');
    expect(sim.tasks()).toHaveLength(1);
    expect(sim.tasks()[0]?.settings).toBeUndefined();
    expect(run.code).toBe(1);
  });

  it('in a GEMMA_* variable: a warning on stderr, and the answer as usual', async () => {
    sim.script({answer: 'Fine.'});
    const run = await gemma(['ask', 'hi'], {env: {GEMMA_TEMPRATURE: '0.5'}});
    expect(run.stderr).toBe('gemma: warning: GEMMA_TEMPRATURE is not a setting, so it is ignored; did you mean GEMMA_TEMPERATURE?\n');
    expect(run.stdout).toBe('Fine.\n');
    expect(sim.tasks()[0]?.settings).toBeUndefined();
    expect(run.code).toBe(0);
  });
});
