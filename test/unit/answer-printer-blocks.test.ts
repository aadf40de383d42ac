import {describe, expect, it} from 'vitest';
import {BlockPrinter} from '../../src/output/block-printer.js';
import {rowsUp} from '../../src/output/screen-rows.js';
import type {TextSink} from '../../src/output/terminal.js';
import {textWidth} from '../../src/text/text-width.js';
import {renderMarkdown} from '../../src/ui/markdown/render-markdown.js';

/** A stream that keeps what was written to it (never full). */
function sink(): TextSink & {text: string} {
  const stream = {text: '', write: (chunk: string) => ((stream.text += chunk), true), once: () => stream};
  return stream;
}

/**
 * The screen a terminal `columns` wide shows after `bytes`, as a terminal lays it out: text wraps
 * when a character does not fit (a wide one leaves the last cell empty), a full row keeps the
 * cursor until the next character, and the only controls are the ones the printer uses: CR, LF,
 * cursor up (CSI A, stopping at the top of the screen) and erase line (CSI 2K).
 */
function screenAfter(bytes: string, columns: number, height = 1000): string {
  const rows: string[][] = [[]];
  let row = 0;
  let column = 0;
  let top = 0;
  const put = (char: string, cells: number): void => {
    if (column + cells > columns) {
      row += 1;
      column = 0;
    }
    rows[row] ??= [];
    rows[row]![column] = char;
    for (let i = 1; i < cells; i++) rows[row]![column + i] = '';
    column += cells;
  };
  const segmenter = new Intl.Segmenter();
  for (let i = 0; i < bytes.length; ) {
    const control = /^\u001b\[(A|2K)/.exec(bytes.slice(i));
    if (control) {
      if (control[1] === 'A') row = Math.max(top, row - 1);
      else rows[row] = [];
      i += control[0].length;
      continue;
    }
    const char = bytes[i]!;
    if (char === '\r') column = 0;
    else if (char === '\n') {
      row += 1;
      column = 0;
      rows[row] ??= [];
    } else {
      const grapheme = segmenter.segment(bytes.slice(i)).containing(0)!.segment;
      if (grapheme.includes('\u001b')) throw new Error(`unexpected escape at ${i}: ${JSON.stringify(bytes.slice(i, i + 10))}`);
      put(grapheme, textWidth(grapheme));
      i += grapheme.length;
      top = Math.max(top, row - height + 1);
      continue;
    }
    top = Math.max(top, row - height + 1);
    i += 1;
  }
  // Rows below the cursor that were erased look like rows never written to: not part of the text.
  const shown = rows.map((cells) => cells.join('').trimEnd());
  let last = shown.length - 1;
  while (last > row && shown[last] === '') last -= 1;
  return shown.slice(0, last + 1).join('\n');
}

const render = (width: number) => (block: string): string => renderMarkdown(block, {width, color: false});

/** Feeds `text` to the printer in pieces of `size` characters, as tokens arrive. */
async function streamInto(printer: BlockPrinter, text: string, size: number): Promise<void> {
  for (let i = 0; i < text.length; i += size) await printer.write(text.slice(i, i + size));
  await printer.finish();
}

const ANSWER = [
  '# Sorting',
  '',
  'Use **sorted()** for a new list and `list.sort()` to sort *in place*; both take a key function that maps each item to what is compared.',
  '',
  '- `sorted(xs)` returns a new list',
  '- `xs.sort()` returns None, and this item is long enough to wrap twice at thirty columns',
  '',
  '```python',
  'def by_length(words):',
  '    return sorted(words, key=len)',
  '```',
  '',
  '| function | in place |',
  '| --- | --- |',
  '| sorted | no |',
  '',
  'That is all.',
].join('\n');

/** The answer as every block rendered once, one blank line apart: what must be left on the screen. */
function renderedWhole(text: string, width: number): string {
  return text.split('\n\n').map(render(width)).filter((block) => block !== '').join('\n\n');
}

describe('BlockPrinter: the answer rendered block by block', () => {
  it.each([1, 3, 17])('without a terminal, prints each block once, rendered, one blank line apart (pieces of %i)', async (size) => {
    const out = sink();
    await streamInto(new BlockPrinter(out, {render: render(30)}), ANSWER, size);
    expect(out.text).toBe(`${renderedWhole(ANSWER, 30)}\n`);
    expect(out.text).not.toContain('\u001b');
  });

  it.each([
    {columns: 30, size: 1},
    {columns: 30, size: 5},
    {columns: 40, size: 2},
    {columns: 80, size: 7},
  ])('on a terminal $columns wide, the streamed rows are erased and leave only the rendered blocks (pieces of $size)', async ({columns, size}) => {
    const out = sink();
    const printer = new BlockPrinter(out, {render: render(columns), terminal: {columns: () => columns, rows: () => 50}});
    await streamInto(printer, ANSWER, size);
    // The same screen as printing the rendered answer once (a code line wider than the screen wraps in both).
    expect(screenAfter(out.text, columns)).toBe(screenAfter(`${renderedWhole(ANSWER, columns)}\n`, columns));
    expect(out.text).toContain('\u001b[A\u001b[2K');
  });

  it('streams the open block as plain text, cleaned of controls, before it completes', async () => {
    const out = sink();
    const printer = new BlockPrinter(out, {render: render(30), terminal: {columns: () => 30, rows: () => 50}});
    const open = 'Second \u001b]0;x\u0007 *still* open';
    await printer.write(`First **block**.\n\n${open}`);
    expect(screenAfter(out.text, 30)).toBe('First block.\n\nSecond ^[]0;x^G *still* open');
    await printer.finish();
    expect(screenAfter(out.text, 30)).toBe(`First block.\n\n${render(30)(open)}\n`);
  });

  it('counts the rows of wide characters and exactly full rows as the terminal wraps them', async () => {
    // 9 cells of CJK at 10 columns: the fifth character does not fit in the first row's last cell.
    const open = '東京東京東京東京東京 and more words that fill exactly.';
    for (const columns of [9, 10, 11, 20]) {
      const out = sink();
      const printer = new BlockPrinter(out, {render: render(columns), terminal: {columns: () => columns, rows: () => 50}});
      await printer.write('Above.\n\n');
      await printer.write(open);
      await printer.write('\n\nnext');
      await printer.finish();
      expect(screenAfter(out.text, columns), String(columns)).toBe(screenAfter(`${[render(columns)('Above.'), render(columns)(open), 'next'].join('\n\n')}\n`, columns));
    }
  });

  it('leaves a block taller than the screen as it streamed (its first rows are out of reach), and goes on rendering', async () => {
    const tall = Array.from({length: 12}, (_, i) => `line **${i}**`).join('\n');
    const out = sink();
    const printer = new BlockPrinter(out, {render: render(40), terminal: {columns: () => 40, rows: () => 10}});
    await streamInto(printer, `${tall}\n\nAfter **it**.`, 4);
    expect(screenAfter(out.text, 40, 10)).toBe(`${tall}\n\nAfter it.\n`);
  });
});

describe('rowsUp: how far the cursor is below where the text began', () => {
  it.each([
    ['', 10, 0],
    ['abc', 3, 0],
    ['abcd', 3, 1],
    ['abc\n', 3, 1],
    ['a\n\nb', 3, 2],
    ['abcdefg\r\nx', 3, 3],
    ['東京東', 5, 1],
    ['東京東', 6, 0],
    ['a東', 2, 1],
    ['\tx', 10, 0],
    ['ab\tcdefgh', 10, 1],
    // A tab on a full row keeps the pending wrap (tmux): the next character starts a row.
    ['abcdefghij\ty', 10, 1],
    ['abcdefghi\t\ty', 10, 0],
    [`${'\t'.repeat(10)}x\t\t\ty`, 80, 1],
  ])('%j at %i columns: %i', (text, columns, up) => {
    expect(rowsUp(text, columns)).toBe(up);
  });
});
