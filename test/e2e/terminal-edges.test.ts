import {afterEach, describe, expect, it} from 'vitest';
import {wrapText} from '../../src/text/wrap-rows.js';
import {GEMMA_BIN, homeEnv, tempHome} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {useSimulator} from '../support/use-simulator.js';

// A delay per token (as the simulator run by hand has), so the code block streams line by line before it completes.
const sim = useSimulator({tokenDelayMs: 15});
let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

const env = (): Record<string, string> => ({RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(tempHome()), TERM: 'xterm-256color'});
const start = (args: string, cols: number): TmuxSession => TmuxSession.start(`${process.execPath} ${GEMMA_BIN} ask ${args}`, {cols, rows: 40, env: env()});

/** The pane's rows from the top to the `[exit N]` line, trailing blanks trimmed. */
function shownRows(screen: string): string[] {
  const rows = screen.split('\n').map((row) => row.trimEnd());
  return rows.slice(0, rows.findIndex((row) => /^\[exit \d+\]$/.test(row)));
}

describe.skipIf(!hasTmux())('gemma ask at the edges of a terminal', () => {
  it('a code line whose tabs reach the last column: the streamed block is erased whole, only the rendered one stays', async () => {
    const line = `${'\t'.repeat(10)}x\t\t\ty`;
    sim.script({answer: `Before.\n\n\`\`\`\n${[line, line, line].join('\n')}\n\`\`\`\n\nAfter.`, reasoning: '', deltaChars: 3});
    tmux = start('hi', 80);
    const rows = shownRows(await tmux.waitFor(/^\[exit 0\]$/m));
    // tmux keeps a tab on a full row pending: `y` wraps below `x` (the rows joined by capture -J).
    const shown = `${' '.repeat(79)}xy`;
    expect(rows).toEqual(['Before.', '', 'code', shown, shown, shown, '', 'After.']);
  });

  it.each([
    [40, 'gemma: retrying in 1.0 s (attempt 2): T\u2026'],
    [80, 'gemma: retrying in 1.0 s (attempt 2): Too many requests. Retry later. (rateLimi\u2026'],
  ])('at %i columns a retry countdown is cut at the edge with `…`, the wait first, nothing stray in the last cell', async (cols, shown) => {
    sim.script({status: 429, retryAfter: 1});
    tmux = start('hi', cols);
    const screen = await tmux.waitFor(/^gemma: retrying in/m);
    const row = screen.split('\n').find((line) => line.startsWith('gemma: retrying in'))!;
    // The tenths tick while the screen is read: compare the row with its seconds as drawn.
    expect(row.trimEnd()).toBe(shown.replace('1.0', /in (\d\.\d) s/.exec(row)![1]!));
    await tmux.waitFor(/^\[exit 0\]$/m);
  });

  it('at 40 columns --show-thinking word-wraps the reasoning: no word is split at the edge', async () => {
    const reasoning = 'The user asked a short question about the last message of the conversation, so a brief reply is best here.';
    sim.script({answer: 'Fine.', reasoning, deltaChars: 5});
    tmux = start('--show-thinking hi', 40);
    const rows = shownRows(await tmux.waitFor(/^\[exit 0\]$/m));
    // Rows the terminal wrapped come back joined (capture -J): the reasoning's rows are its own.
    expect(rows).toEqual(['thinking:', ...wrapText(reasoning, 40).split('\n'), '', 'Fine.']);
    expect(rows.every((row) => row.length <= 40)).toBe(true);
  });
});

describe.skipIf(!hasTmux())('gemma chat --raw in a terminal', () => {
  it('shows the answer as its raw text (no bold, the markers kept); /set render auto renders the next one', async () => {
    sim.script({answer: 'A **b** c.', reasoning: ''}, {answer: 'D **e** f.', reasoning: ''});
    tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat --raw`, {cols: 40, env: env()});
    const term = tmux;
    await term.waitFor('/help for commands');
    term.type('one');
    term.keys('Enter');
    await term.waitFor('session: 1 turn');
    term.type('/set render auto');
    term.keys('Enter');
    await term.waitFor('render = auto');
    term.type('two');
    term.keys('Enter');
    const screen = await term.waitFor('session: 2 turns');
    expect(screen).toContain('A **b** c.');
    expect(screen).toContain('D e f.');
    expect(screen).not.toContain('D **e** f.');
    term.keys('C-d');
    await term.waitFor(/^\[exit 0\]$/m);
  });
});
