import {execFileSync} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {GEMMA_BIN, homeEnv, tempHome} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator({tokenDelayMs: 0});
let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

/** The visible screen only, without the scrollback. */
const visible = (term: TmuxSession): string[] =>
  execFileSync('tmux', ['-L', term.name, 'capture-pane', '-p', '-t', term.name], {encoding: 'utf8'}).trimEnd().split('\n');

describe.skipIf(!hasTmux())('gemma chat keys in a real terminal', () => {
  it('Ctrl-L clears the screen to the header and the prompt, the transcript kept in the scrollback; Ctrl-R finds an earlier input', async () => {
    sim.script({answer: 'The first answer.', reasoning: ''});
    const env = {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(tempHome()), TERM: 'xterm-256color'};
    const term = (tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat`, {cols: 80, rows: 20, env}));
    await term.waitFor('/help for commands · Ctrl-D to exit');
    term.type('first question');
    term.keys('Enter');
    await term.waitFor('session: 1 turn');
    term.type('a draft');
    await term.waitFor('› a draft');
    term.keys('C-l');
    await term.waitFor(() => visible(term)[0]?.startsWith('gemma · google:gemma@4-31b') === true && visible(term).at(-1) === '› a draft');
    expect(visible(term)).toEqual([expect.stringMatching(/^gemma · google:gemma@4-31b/), '', '› a draft']);
    const scrollback = term.screen();
    expect(scrollback).toContain('› first question');
    expect(scrollback).toContain('The first answer.');

    term.keys('C-u', 'C-r');
    term.type('first');
    await term.waitFor("(reverse-i-search)'first': first question");
    term.keys('Enter');
    await term.waitFor(() => visible(term).at(-1) === '› first question');
    term.keys('Enter');
    await term.waitFor('session: 2 turns');
    expect(sim.tasks().map((task) => (task.messages as Array<{content: string}>).at(-1)?.content)).toEqual(['first question', 'first question']);
    term.keys('C-d');
    await term.waitFor('[exit 0]');
  });

  it('Enter while an answer is on its way queues the message, shown under it, and sends it after the answer with that answer as context', async () => {
    sim.script({answer: 'The slow answer.', reasoning: '', holdMs: 1500}, {answer: 'The queued answer.', reasoning: ''});
    const env = {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(tempHome()), TERM: 'xterm-256color'};
    const term = (tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat`, {cols: 80, rows: 20, env}));
    await term.waitFor('/help for commands · Ctrl-D to exit');
    term.type('first question');
    term.keys('Enter');
    await term.waitFor('Enter queues a message · Esc cancels');
    term.type('second question');
    term.keys('Enter');
    const waiting = await term.waitFor('queued: second question');
    expect(sim.tasks()).toHaveLength(1);
    expect(waiting).not.toContain('The slow answer.');
    const done = await term.waitFor('session: 2 turns', 15_000);
    expect(done).not.toContain('queued: second question');
    expect(done.indexOf('The slow answer.')).toBeLessThan(done.indexOf('› second question'));
    expect(sim.tasks()[1]?.messages).toEqual([
      {role: 'user', content: 'first question'},
      {role: 'assistant', content: 'The slow answer.'},
      {role: 'user', content: 'second question'},
    ]);
    term.keys('C-d');
    await term.waitFor('[exit 0]');
  });
});
