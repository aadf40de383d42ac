import {spawn} from 'node:child_process';
import * as yaml from 'yaml';
import {describe, expect, it} from 'vitest';
import {BUILTIN_ROLES} from '../../src/roles/builtin-roles.js';
import {parseRole} from '../../src/roles/parse-role.js';
import {cliEnv, GEMMA_BIN, runCli, tempHome} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

const quote = (word: string): string => `'${word.replaceAll("'", "'\\''")}'`;

/** `gemma ask ARGS` with stdin, stdout and stderr on a pseudo-terminal (util-linux `script`). */
function askInTerminal(args: string[]): Promise<number | null> {
  const command = `stty cols 80 rows 30; exec ${[process.execPath, GEMMA_BIN, 'ask', ...args].map(quote).join(' ')}`;
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {env: cliEnv(tempHome(), {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey}), stdio: ['pipe', 'pipe', 'pipe']});
  child.stdout.resume();
  child.stderr.resume();
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('the code role and the terminal', () => {
  const code = parseRole(BUILTIN_ROLES.code ?? '', 'code', yaml);

  it('on a terminal sends the prompt without the no-fences line, which a pipe gets', async () => {
    expect(await askInTerminal(['-r', 'code', 'add two numbers'])).toBe(0);
    const piped = await runCli(['ask', '-r', 'code', 'add two numbers'], {env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey}});
    expect(piped.code).toBe(0);
    const prompts = sim.tasks().map((task) => (task.settings as Record<string, unknown>).systemPrompt);
    expect(prompts).toEqual([code.values.get('systemPrompt'), `${String(code.values.get('systemPrompt'))}\n\n${code.whenPiped}`]);
  });
});
