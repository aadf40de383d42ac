import {execFileSync} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {GEMMA_BIN, homeEnv, tempHome} from '../support/run-cli.js';
import {longAnswer, writeStoredSession} from '../support/stored-session.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator({tokenDelayMs: 2});
let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

const TURNS = 40;
const occurrences = (text: string, part: string): number => text.split(part).length - 1;

/** `gemma chat <args>` in tmux, with a stored session `long-one` of TURNS long markdown answers. */
function resume(args = '-c'): TmuxSession {
  const home = tempHome();
  const turns = Array.from({length: TURNS}, (_, n) => ({question: `question ${n}`, answer: longAnswer(n)}));
  writeStoredSession(home.dataDir, {id: '20260101-000000-dddddddddddd', name: 'long-one', turns});
  tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat ${args}`, {
    rows: 30,
    env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(home), TERM: 'xterm-256color'},
  });
  return tmux;
}

describe.skipIf(!hasTmux())('gemma chat -c in a real terminal', () => {
  it('prints the header, a line counting the earlier turns, the newest turns in order, then the prompt; the next turn carries them all', async () => {
    sim.script({answer: 'A fresh answer.', reasoning: ''});
    const term = resume();
    await term.waitFor(/resumed session long-one: 80 messages will be sent as context\s+› /);
    const screen = term.screen();
    const lines = screen.split('\n');
    expect(lines[0]).toMatch(/^gemma · google:gemma@4-31b/);
    const earlier = /^… (\d+) earlier turns \(gemma sessions show long-one\)$/.exec(lines[2] ?? '');
    expect(earlier, screen.slice(0, 400)).not.toBeNull();
    const hidden = Number(earlier?.[1]);
    expect(hidden).toBeGreaterThan(0);
    expect(lines[4]).toBe(`› question ${hidden}`);
    expect(screen).not.toContain(`question ${hidden - 1}\n`);
    const shown = lines.filter((line) => /^› question \d+$/.test(line)).map((line) => Number(line.slice('› question '.length)));
    expect(shown).toEqual(Array.from({length: TURNS - hidden}, (_, i) => hidden + i));
    expect(screen).toContain('End of answer 39.');
    expect(screen).not.toContain('**');

    term.type('next question');
    term.keys('Enter');
    // The footer counts the stored turns too, as `gemma sessions list` does.
    const after = await term.waitFor(`session: ${TURNS + 1} turns`);
    const messages = sim.tasks()[0]?.messages as Array<{role: string; content: string}>;
    expect(messages).toHaveLength(2 * TURNS + 1);
    expect(messages[0]).toEqual({role: 'user', content: 'question 0'});
    expect(messages.at(-1)).toEqual({role: 'user', content: 'next question'});
    // Printed once each: nothing of the scrollback was drawn again, and the prompt is last.
    expect(occurrences(after, 'gemma · google:gemma@4-31b')).toBe(1);
    expect(occurrences(after, 'End of answer 39.')).toBe(1);
    expect(occurrences(after, 'A fresh answer.')).toBe(1);
    const tail = after.trimEnd().split('\n');
    expect(tail.at(-1)).toBe('›  /help for commands · Ctrl-D to exit');
    term.keys('C-d');
    await term.waitFor('[exit 0]');
  });

  it('/resume in a running chat shows the same: the earlier-turns line, then the newest turns in order', async () => {
    const term = resume('--no-save');
    await term.waitFor('gemma ·');
    term.type('/resume long-one');
    term.keys('Enter');
    const screen = await term.waitFor(/resumed session long-one: 80 messages will be sent as context\s+› /);
    const lines = screen.split('\n');
    const at = lines.findIndex((line) => /^… \d+ earlier turns \(gemma sessions show long-one\)$/.test(line));
    expect(at, screen.slice(0, 400)).toBeGreaterThan(0);
    const hidden = Number(/\d+/.exec(lines[at] ?? '')?.[0]);
    expect(lines[at + 2]).toBe(`› question ${hidden}`);
    const shown = lines.filter((line) => /^› question \d+$/.test(line)).map((line) => Number(line.slice('› question '.length)));
    expect(shown).toEqual(Array.from({length: TURNS - hidden}, (_, i) => hidden + i));
    expect(occurrences(screen, 'End of answer 39.')).toBe(1);
    term.keys('C-d');
    await term.waitFor('[exit 0]');
  });

  it('after a resize narrower than the turns, the next answer and the prompt are drawn once, at the new width', async () => {
    sim.script({answer: 'Another fresh answer, long enough to need more than one row at forty columns wide.', reasoning: ''});
    const term = resume();
    await term.waitFor(/resumed session long-one[^\n]*\s+› /);
    execFileSync('tmux', ['-L', term.name, 'resize-window', '-t', term.name, '-x', '40']);
    term.type('narrow question');
    term.keys('Enter');
    // The footer wraps at forty columns, between its parts: `session: 41 turns` stays on one row.
    const after = await term.waitFor(`session: ${TURNS + 1} turns`);
    expect(after).toContain('› narrow question');
    expect(occurrences(after, 'Another fresh answer')).toBe(1);
    expect(after.trimEnd().split('\n').at(-1)).toBe('›  /help for commands · Ctrl-D to exit');
    term.keys('C-d');
    await term.waitFor('[exit 0]');
  });
});
