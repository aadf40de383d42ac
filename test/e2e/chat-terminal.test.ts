import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {GEMMA_BIN, homeEnv, tempHome} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {startSimulator} from '../support/simulator.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator({tokenDelayMs: 2});
let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

/** How many answers on the screen are marked as cut short by the user. */
const interruptions = (screen: string): number => screen.split('(interrupted)').length - 1;

function start(args = '', options: {stdin?: string; rows?: number} = {}): TmuxSession {
  const home = tempHome();
  const command = `${options.stdin ? `${options.stdin} | ` : ''}${process.execPath} ${GEMMA_BIN} chat ${args}`;
  tmux = TmuxSession.start(command, {
    rows: options.rows ?? 30,
    env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(home), TERM: 'xterm-256color'},
  });
  return tmux;
}

describe.skipIf(!hasTmux())('gemma chat in a real terminal', () => {
  it('answers, keeps multi-turn history, and exits on Ctrl-D', async () => {
    sim.script({answer: 'Paris is the capital.', reasoning: ''}, {answer: 'About two million.', reasoning: ''});
    const term = start();
    await term.waitFor('gemma · google:gemma@4-31b');
    term.type('capital of France?');
    term.keys('Enter');
    // The answer's footer: the turn is over (Enter while an answer streams does not send).
    await term.waitFor('session: 1 turn');
    term.type('population?');
    term.keys('Enter');
    await term.waitFor('About two million.');
    expect(sim.tasks()[1]?.messages).toEqual([
      {role: 'user', content: 'capital of France?'},
      {role: 'assistant', content: 'Paris is the capital.'},
      {role: 'user', content: 'population?'},
    ]);
    const screen = term.screen();
    expect(screen.match(/Paris is the capital\./g)).toHaveLength(1);
    term.keys('C-d');
    await term.waitFor('[exit 0]');
  });

  it('applies /set to the next request', async () => {
    const term = start();
    await term.waitFor('gemma ·');
    term.type('/set temperature 0.3');
    term.keys('Enter');
    await term.waitFor('temperature = 0.3');
    term.type('/set top-k 0');
    term.keys('Enter');
    await term.waitFor('is out of range');
    term.type('hello');
    term.keys('Enter');
    await term.waitFor('You said: hello');
    expect(sim.tasks()[0]?.settings).toEqual({temperature: 0.3});
  });

  it('cancels each streaming answer with Ctrl-C, keeps the partial answers, and the prompt stays', async () => {
    const slow = await startSimulator({port: 0, tokenDelayMs: 30});
    const words = (prefix: string) => Array.from({length: 400}, (_, i) => `${prefix}${i}`).join(' ');
    try {
      // Two long answers told apart by their words, so each wait below sees only the new one.
      slow.script({answer: words('w'), reasoning: ''}, {answer: words('v'), reasoning: ''});
      const home = tempHome();
      tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat`, {
        env: {RUNWARE_BASE_URL: slow.url, RUNWARE_API_KEY: slow.apiKey, ...homeEnv(home)},
      });
      await tmux.waitFor('gemma ·');
      tmux.type('write a lot');
      tmux.keys('Enter');
      await tmux.waitFor('w20 ');
      tmux.keys('C-c');
      expect(interruptions(await tmux.waitFor('(interrupted)'))).toBe(1);

      tmux.type('continue');
      tmux.keys('Enter');
      await tmux.waitFor(/\bv20 /);
      tmux.keys('C-c');
      // A second mark, not the first one still on the screen.
      expect(interruptions(await tmux.waitFor(/\(interrupted\)[\s\S]*\(interrupted\)/))).toBe(2);
      const first = slow.tasks()[1]?.messages as Array<{role: string; content: string}>;
      expect(first.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
      expect(first[1]?.content).toMatch(/^w0 w1 .*w20\b/);

      // The prompt is idle again: Ctrl-C there asks before exiting, and the next turn carries
      // the second partial answer.
      tmux.keys('C-c');
      await tmux.waitFor('press Ctrl-C again to exit');
      tmux.type('and again');
      tmux.keys('Enter');
      await tmux.waitFor(() => slow.tasks().length === 3);
      const second = slow.tasks()[2]?.messages as Array<{role: string; content: string}>;
      expect(second.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
      expect(second[3]?.content).toMatch(/^v0 v1 .*v20\b/);
      expect(second[4]?.content).toBe('and again');
      expect(tmux.screen()).not.toContain('[exit');
    } finally {
      await slow.close();
    }
  });

  it('exits after Ctrl-C twice on an empty prompt', async () => {
    const term = start();
    await term.waitFor('gemma ·');
    term.keys('C-c');
    await term.waitFor('press Ctrl-C again to exit');
    term.keys('C-c');
    await term.waitFor('[exit 0]');
  });

  it('takes piped material as the first turn, then goes on reading the keyboard', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gemma-pipe-'));
    writeFileSync(join(dir, 'diff.txt'), 'diff --git a/x b/x\n+new line\n');
    sim.script({answer: 'Looks fine.', reasoning: ''}, {answer: 'You are welcome.', reasoning: ''});
    const term = start('review this', {stdin: `cat ${join(dir, 'diff.txt')}`});
    await term.waitFor('Looks fine.');
    await term.waitFor('session: 1 turn');
    term.type('thanks');
    term.keys('Enter');
    await term.waitFor('You are welcome.');
    expect(sim.tasks()[0]?.messages).toEqual([{role: 'user', content: 'review this\n\ndiff --git a/x b/x\n+new line'}]);
    expect(sim.tasks()[1]?.messages).toHaveLength(3);
  });
});
