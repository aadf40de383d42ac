import {execFileSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {renderMarkdown} from '../../src/ui/markdown/render-markdown.js';
import {cliEnv, GEMMA_BIN, homeEnv, runCli, tempHome, type CliOptions} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {runInPty} from '../support/run-in-pty.js';
import {useSimulator} from '../support/use-simulator.js';

// A small delay per token, so the answer arrives in many pieces and blocks stream before they complete.
const sim = useSimulator({tokenDelayMs: 2});
let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

const BLOCKS = [
  '# Sorting words',
  'Use **sorted()** for a new list and `list.sort()` to sort *in place*; both take a key function.',
  '- `sorted(xs)` returns a new list\n- `xs.sort()` returns None, and this item is long enough to wrap',
  '> A quote that is long enough to wrap at forty columns.',
  'That is all.',
];
const ANSWER = BLOCKS.join('\n\n');

/** The answer as each block rendered once at `width` without colour, one blank line apart. */
const rendered = (width: number): string => BLOCKS.map((block) => renderMarkdown(block, {width, color: false})).join('\n\n');

const env = (extra: Record<string, string> = {}): Record<string, string> => ({RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...extra});
const ask = (args: string[], options: CliOptions = {}) => runCli(['ask', ...args], {...options, env: {...env(), ...options.env}});

/**
 * Runs `gemma ask` in a pseudo-terminal `columns` wide: the output is both streams as the
 * terminal got them (CRLF made LF).
 */
async function askInTerminal(args: string[], extra: Record<string, string>, columns = 40): Promise<{output: string; code: number | null}> {
  const run = await runInPty(['ask', ...args], cliEnv(tempHome(), env(extra)), columns);
  return {output: run.output.replaceAll('\r\n', '\n'), code: run.code};
}

const cursorColumn = (term: TmuxSession): number =>
  Number(execFileSync('tmux', ['-L', term.name, 'display-message', '-p', '-t', term.name, '#{cursor_x}'], {encoding: 'utf8'}).trim());

/**
 * The waiting line on a terminal's stderr: drawn in place (autowrap off, back to the first
 * column, erase the line, the text, autowrap on) as often as it was, then erased.
 */
const WAITING_LINE = /^(\u001b\[\?7l\r\u001b\[K[^\u001b]*(\u001b\[2m[^\u001b]*\u001b\[22m)?\u001b\[\?7h)+\r\u001b\[K/;

/** What the pane shows of the command's output: the rows between the command line and `[exit N]`. */
function shownOutput(screen: string): string {
  const rows = screen.split('\n').map((row) => row.trimEnd());
  const exit = rows.findIndex((row) => /^\[exit \d+\]$/.test(row));
  return rows.slice(0, exit).join('\n');
}

describe.skipIf(!hasTmux())('gemma ask on a terminal renders markdown block by block', () => {
  it.each([40, 80, 120])('at %i columns the screen ends with each block rendered once, nothing of the streamed text left', async (columns) => {
    sim.script({answer: ANSWER, reasoning: '', deltaChars: 3});
    const home = tempHome();
    tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} ask hi`, {cols: columns, rows: 40, env: {...env(), ...homeEnv(home), TERM: 'xterm-256color', NO_COLOR: '1'}});
    const screen = await tmux.waitFor(/^\[exit \d+\]$/m);
    expect(shownOutput(screen)).toBe(rendered(columns));
    expect(screen).toContain('[exit 0]');
  });
});

describe('gemma ask: render auto, always, never', () => {
  it('to a pipe, auto prints the raw answer byte for byte', async () => {
    sim.script({answer: ANSWER, reasoning: ''});
    const run = await ask(['hi']);
    expect(run.stdout).toBe(`${ANSWER}\n`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it.each([
    {how: '--render always', args: ['--render', 'always'], extra: {}},
    {how: 'GEMMA_RENDER=always', args: [], extra: {GEMMA_RENDER: 'always'}},
  ])('$how renders to a pipe too, at $COLUMNS, without colour', async ({args, extra}) => {
    sim.script({answer: ANSWER, reasoning: ''});
    const run = await ask(['hi', ...args], {env: {COLUMNS: '40', ...extra}});
    expect(run.stdout).toBe(`${rendered(40)}\n`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('the config key render=always renders to a pipe at 80 columns when $COLUMNS is not set', async () => {
    const home = tempHome();
    const homeVars = homeEnv(home);
    expect((await runCli(['config', 'set', 'render', 'always'], {env: homeVars})).code).toBe(0);
    sim.script({answer: ANSWER, reasoning: ''});
    const run = await ask(['hi'], {env: homeVars});
    expect(run.stdout).toBe(`${rendered(80)}\n`);
    expect(run.code).toBe(0);
  });

  it('an answer not rendered never loads the renderer: only a rendered one leaves its code cache', async () => {
    const cacheDir = join(tempHome().configDir, '..', 'cache');
    const markdownCaches = (): string[] => readdirSync(cacheDir).filter((name) => name.endsWith('-markdown.bin'));
    sim.script({answer: ANSWER, reasoning: ''}, {answer: ANSWER, reasoning: ''});
    expect((await ask(['hi'], {env: {GEMMA_CACHE_DIR: cacheDir}})).code).toBe(0);
    expect(readdirSync(cacheDir).some((name) => name.endsWith('-ask.bin'))).toBe(true);
    expect(markdownCaches()).toEqual([]);
    expect((await ask(['hi', '--render', 'always'], {env: {GEMMA_CACHE_DIR: cacheDir}})).code).toBe(0);
    expect(markdownCaches()).toHaveLength(1);
  });

  it.each([
    {args: ['--render', 'sometimes'], line: /^gemma: --render: "sometimes".*\n$/},
    {args: ['--raw', '--render', 'always'], line: /^gemma: --raw and --render always disagree; allowed: one of them\n$/},
  ])('$args is a usage error: one line, exit 2, nothing sent', async ({args, line}) => {
    const run = await ask(['hi', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(line);
    expect(run.stdout).toBe('');
    expect(sim.requests).toHaveLength(0);
  });

  it('on a terminal, --raw and --render never print the text as it comes, cleaned of controls only', async () => {
    for (const args of [['--raw'], ['--render', 'never']]) {
      sim.script({answer: `${ANSWER} \u001b[2J`, reasoning: ''});
      const run = await askInTerminal(['hi', ...args], {TERM: 'xterm-256color', NO_COLOR: '1'});
      expect(run.code).toBe(0);
      // The waiting line on stderr, drawn and erased on its row, then the answer as it came.
      expect(run.output).toMatch(WAITING_LINE);
      expect(run.output.replace(WAITING_LINE, '')).toBe(`${ANSWER} ^[[2J\n`);
    }
  });

  it('on a terminal, the waiting line is dim and erased before the answer; with NO_COLOR it is plain', async () => {
    sim.script({answer: 'Fine.', reasoning: 'Some reasoning first.'}, {answer: 'Fine.', reasoning: ''});
    const colour = await askInTerminal(['hi', '--raw'], {TERM: 'xterm-256color'});
    expect(colour.output).toMatch(/^\u001b\[\?7l\r\u001b\[K\u001b\[2mthinking… \d+\.\d s\u001b\[22m\u001b\[\?7h/);
    expect(colour.output.endsWith('\u001b[?7h\r\u001b[KFine.\n')).toBe(true);
    const plain = await askInTerminal(['hi', '--raw'], {TERM: 'xterm-256color', NO_COLOR: '1'});
    expect(plain.output).toMatch(/^(\u001b\[\?7l\r\u001b\[Kthinking… \d+\.\d s\u001b\[\?7h)+\r\u001b\[KFine\.\n$/);
  });
});

describe('links in a rendered answer', () => {
  it('are OSC 8 hyperlinks on a terminal that supports them, and plain text (with the URL) where it may not', async () => {
    const answer = 'See [the docs](https://example.com/a) for more.';
    sim.script({answer, reasoning: ''}, {answer, reasoning: ''});
    const forced = await askInTerminal(['hi'], {TERM: 'xterm-256color', FORCE_HYPERLINK: '1'}, 80);
    expect(forced.code).toBe(0);
    expect(forced.output).toContain('\u001b]8;;https://example.com/a\u001b\\');
    // Under tmux (TMUX set) links are off unless forced: the text and the URL, no OSC 8.
    const tmux = await askInTerminal(['hi'], {TERM: 'xterm-256color', TMUX: '/tmp/tmux-0/default,1,0'}, 80);
    expect(tmux.code).toBe(0);
    expect(tmux.output).not.toContain('\u001b]8;;');
    expect(tmux.output).toContain('https://example.com/a');
  });
});

describe('TERM=dumb: no cursor moves, the plain modes pipes use', () => {
  it('ask on a dumb terminal prints the raw answer with no escape sequence at all (no render, no waiting line)', async () => {
    sim.script({answer: ANSWER, reasoning: ''});
    const run = await askInTerminal(['hi'], {TERM: 'dumb'});
    expect(run.code).toBe(0);
    expect(run.output).toBe(`${ANSWER}\n`);
  });

  it.skipIf(!hasTmux())('chat on a dumb terminal is line by line: no full-screen UI, each answer after its line', async () => {
    sim.script({answer: 'First **answer**.', reasoning: ''}, {answer: 'Second answer.', reasoning: ''});
    const home = tempHome();
    tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat`, {cols: 60, env: {...env(), ...homeEnv(home), TERM: 'dumb'}});
    const term = tmux;
    /** The answer is on the screen and ended: the cursor is back at the first column. */
    const ended = (text: string) => () => term.screen().includes(text) && cursorColumn(term) === 0;
    tmux.type('hello');
    tmux.keys('Enter');
    await tmux.waitFor(ended('First **answer**.'));
    tmux.type('again');
    tmux.keys('Enter');
    await tmux.waitFor(ended('Second answer.'));
    tmux.keys('C-d');
    const screen = await tmux.waitFor('[exit 0]');
    // Plain mode: the typed lines echoed by the terminal, each answer raw below it, no header or prompt drawn.
    expect(shownOutput(screen).split('\n').filter((row) => row !== '')).toEqual(['hello', 'First **answer**.', 'again', 'Second answer.']);
    expect(sim.tasks()[1]?.messages).toEqual([
      {role: 'user', content: 'hello'},
      {role: 'assistant', content: 'First **answer**.'},
      {role: 'user', content: 'again'},
    ]);
  });
});
