import {spawn} from 'node:child_process';
import * as yaml from 'yaml';
import {afterEach, describe, expect, it} from 'vitest';
import {BUILTIN_ROLES} from '../../src/roles/builtin-roles.js';
import {parseRole} from '../../src/roles/parse-role.js';
import {cliEnv, GEMMA_BIN, homeEnv, runCli, tempHome} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();
let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

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

describe.skipIf(!hasTmux())('gemma chat -r code in a real terminal', () => {
  const code = parseRole(BUILTIN_ROLES.code ?? '', 'code', yaml);

  it('sends the code role without the no-fences line; /role explain switches and keeps the conversation', async () => {
    sim.script({answer: 'def add(a, b):\n    return a + b', reasoning: ''}, {answer: 'It adds.', reasoning: ''});
    tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat -r code`, {env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(tempHome()), TERM: 'xterm-256color'}});
    await tmux.waitFor('gemma · google:gemma@4-31b');
    tmux.type('add two numbers in python');
    tmux.keys('Enter');
    await tmux.waitFor('session: 1 turn');
    tmux.type('/role explain');
    tmux.keys('Enter');
    // The notice wraps at the terminal's width.
    await tmux.waitFor(/the conversation so far is kept \(2\s+messages, sent with the next request\)/);
    tmux.type('what does it do?');
    tmux.keys('Enter');
    await tmux.waitFor('session: 2 turns');
    expect(sim.tasks()[0]?.settings).toEqual({systemPrompt: code.values.get('systemPrompt'), temperature: 0.2});
    const explain = parseRole(BUILTIN_ROLES.explain ?? '', 'explain', yaml);
    expect(sim.tasks()[1]?.settings).toEqual({systemPrompt: explain.values.get('systemPrompt')});
    expect(sim.tasks()[1]?.messages).toEqual([
      {role: 'user', content: 'add two numbers in python'},
      {role: 'assistant', content: 'def add(a, b):\n    return a + b'},
      {role: 'user', content: 'what does it do?'},
    ]);
    tmux.keys('C-d');
    await tmux.waitFor('[exit 0]');
  });
});
