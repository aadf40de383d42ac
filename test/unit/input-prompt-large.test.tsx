import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {textWidth} from '../../src/text/text-width.js';
import type {PromptInputProps} from '../../src/ui/input/prompt-input.js';
import {renderPrompt, tick} from '../support/render-prompt.js';

const paste = (text: string) => `\x1b[200~${text}\x1b[201~`;
const UP = '\x1b[A';
const LEFT = '\x1b[D';

function setup(overrides: Partial<PromptInputProps> = {}) {
  const {props, app, type} = renderPrompt({completions: () => [], maxRows: 10, ...overrides});
  const rows = () => (app.lastFrame() ?? '').split('\n');
  /** Makes the fake terminal `columns` wide and tells ink and the prompt, as a terminal's SIGWINCH does. */
  const resize = async (columns: number) => {
    Object.defineProperty(app.stdout, 'columns', {value: columns, configurable: true});
    app.stdout.emit('resize');
    await tick();
  };
  return {props, app, type, rows, resize};
}

/** `count` numbered lines, as a pasted file looks. */
const numbered = (count: number) => Array.from({length: count}, (_, i) => `line ${i + 1}`).join('\n');

afterEach(() => {
  cleanup();
});

describe('PromptInput with a large input', () => {
  it('shows the last rows of a 3,000-line paste under a line counting the rest, and submits every byte', async () => {
    const {props, type, rows} = setup();
    const text = `${numbered(3000)}\n\ttabbed 漢字 line\n`;
    await type(paste(text));
    expect(props.onSubmit).not.toHaveBeenCalled();
    expect(rows()).toEqual([
      '› … 2,993 more lines above (Ctrl+G: edit in $EDITOR)',
      '  line 2994',
      '  line 2995',
      '  line 2996',
      '  line 2997',
      '  line 2998',
      '  line 2999',
      '  line 3000',
      '      tabbed 漢字 line',
      // The cursor, on the empty last line.
      '',
    ]);
    await type('typed');
    expect(rows().at(-1)).toBe('  typed');
    expect(rows()).toHaveLength(10);
    await type('\r');
    expect(props.onSubmit).toHaveBeenCalledWith(`${text}typed`);
  });

  it('scrolls with the cursor through a long input, and an edit there lands at the cursor', async () => {
    const {props, type, rows} = setup();
    await type(paste(numbered(3000)));
    // Up 20 lines: the window follows, with lines hidden on both sides.
    await type(...Array.from({length: 20}, () => UP));
    expect(rows()[0]).toBe('› … 2,979 more lines above (Ctrl+G: edit in $EDITOR)');
    expect(rows()[1]).toBe('  line 2980');
    expect(rows().at(-1)).toBe('  … 13 more lines below');
    expect(rows()).toHaveLength(10);
    await type('\x01', 'X', '\x05', 'Y');
    expect(rows()[1]).toBe('  Xline 2980Y');
    // Moving back down inside the window does not scroll it.
    await type('\x1b[B');
    expect(rows()[1]).toBe('  Xline 2980Y');
    await type('\r');
    const lines = numbered(3000).split('\n');
    lines[2979] = 'Xline 2980Y';
    expect(props.onSubmit).toHaveBeenCalledWith(lines.join('\n'));
  });

  it('wraps a 100 KB one-line paste into rows no wider than the terminal and draws only those that fit', async () => {
    const {props, app, type, rows} = setup();
    const words = Array.from({length: 16_000}, (_, i) => `w${i}`).join(' ');
    const text = `${words} ${'x'.repeat(2000)} end`;
    expect(text.length).toBeGreaterThan(100_000);
    await type(paste(text));
    const shown = rows();
    expect(shown).toHaveLength(10);
    expect(shown[0]).toMatch(/^› … [\d,]+ more rows above \(Ctrl\+G: edit in \$EDITOR\)$/);
    for (const row of shown) expect(textWidth(row)).toBeLessThanOrEqual(100);
    // The end of the text, with the unbreakable word broken across full rows.
    expect(shown.at(-2)).toBe(`  ${'x'.repeat(97)}`);
    expect(shown.at(-1)).toMatch(/^ {2}x+ end$/);
    // Only what is visible was drawn: the frame is a screenful, not the text.
    expect((app.lastFrame() ?? '').length).toBeLessThan(1500);
    await type('\r');
    expect(props.onSubmit).toHaveBeenCalledWith(text);
  });

  it('inserts in the middle of a long line and keeps its rows around the cursor', async () => {
    const {props, type, rows} = setup({maxRows: 4});
    const text = Array.from({length: 300}, (_, i) => `w${i}`).join(' ');
    await type(paste(text), '\x01', '\x1bf', '\x1bf', 'X');
    expect(rows()).toEqual([
      '› w0 w1X w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22 w23 w24 w25',
      '  w26 w27 w28 w29 w30 w31 w32 w33 w34 w35 w36 w37 w38 w39 w40 w41 w42 w43 w44 w45 w46 w47 w48 w49',
      '  w50 w51 w52 w53 w54 w55 w56 w57 w58 w59 w60 w61 w62 w63 w64 w65 w66 w67 w68 w69 w70 w71 w72 w73',
      '  … 12 more rows below (Ctrl+G: edit in $EDITOR)',
    ]);
    await type('\r');
    expect(props.onSubmit).toHaveBeenCalledWith(text.replace('w1 ', 'w1X '));
  });

  it('re-wraps at the new width on resize, keeping the cursor row in view', async () => {
    const {props, type, rows, resize} = setup({maxRows: 4});
    const text = Array.from({length: 60}, (_, i) => `word${i}`).join(' ');
    await type(paste(text), LEFT, LEFT, LEFT);
    expect(rows().at(-1)).toBe('  word57 word58 word59');
    await resize(40);
    const narrow = rows();
    expect(narrow).toEqual([
      '› … 9 more rows above (Ctrl+G: edit in …',
      '  word47 word48 word49 word50 word51',
      '  word52 word53 word54 word55 word56',
      '  word57 word58 word59',
    ]);
    for (const row of narrow) expect(textWidth(row)).toBeLessThanOrEqual(40);
    await type('!', '\x01');
    expect(rows()[0]).toBe('› word0 word1 word2 word3 word4 word5');
    expect(rows().at(-1)).toBe('  … 9 more rows below (Ctrl+G: edit in …');
    await type('^', '\r');
    expect(props.onSubmit).toHaveBeenCalledWith(`^${text.replace('word59', 'wor!d59')}`);
  });

  it('shows a paste whose end is slow to come as far as it has come, then the rest, as one input', async () => {
    const {props, type, rows} = setup();
    await type('\x1b[200~first\r\nsecond\r');
    // Shown a moment later (a paste is otherwise drawn once, when it ends).
    for (let i = 0; i < 250 && !rows().includes('  second'); i++) await tick();
    expect(rows()).toEqual(['› first', '  second']);
    await type('\nthird\x1b[201~');
    expect(rows()).toEqual(['› first', '  second', '  third']);
    expect(props.onSubmit).not.toHaveBeenCalled();
    await type('\r');
    expect(props.onSubmit).toHaveBeenCalledWith('first\nsecond\nthird');
  });

  it('draws a short input whole, with no line about hidden rows', async () => {
    const {type, rows} = setup({maxRows: 3});
    await type(paste('one\ntwo\nthree'));
    expect(rows()).toEqual(['› one', '  two', '  three']);
    await type('\n');
    expect(rows()).toEqual(['› … 2 more lines above (Ctrl+G: edit in $EDITOR)', '  three', '']);
  });
});
