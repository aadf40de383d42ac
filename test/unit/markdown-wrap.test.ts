import {stripVTControlCharacters} from 'node:util';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {GrowingLineTail} from '../../src/text/growing-line-tail.js';
import {lastLines} from '../../src/ui/last-lines.js';
import {renderMarkdown} from '../../src/ui/markdown/render-markdown.js';

const plain = (markdown: string, width: number): string => renderMarkdown(markdown, {width, color: false});
const colored = (markdown: string, width: number): string => renderMarkdown(markdown, {width, color: true});
const rows = (text: string): string[] => text.split('\n');
const widest = (text: string): number => Math.max(...rows(text).map((row) => stringWidth(row)));

describe('renderMarkdown wraps prose at the width', () => {
  it('wraps a paragraph at spaces, with no row starting with the space it broke at', () => {
    expect(rows(plain('The quick brown fox jumps over the lazy dog.', 16))).toEqual(['The quick brown', 'fox jumps over', 'the lazy dog.']);
    // Soft breaks are spaces, so the source's own line breaks do not survive.
    expect(rows(plain('one two\nthree four five', 9))).toEqual(['one two', 'three', 'four five']);
  });

  it('breaks a word longer than the row between characters', () => {
    expect(rows(plain(`see ${'x'.repeat(25)} here`, 10))).toEqual(['see', 'xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx here']);
  });

  it('counts wide characters as two cells', () => {
    const out = plain('日本語の文章 と English words mixed together 日本語', 12);
    expect(rows(out)).toEqual(['日本語の文章', 'と English', 'words mixed', 'together', '日本語']);
    expect(widest(plain('漢字'.repeat(40), 15))).toBeLessThanOrEqual(15);
  });

  it('hangs a list item\'s rows under its text, at every depth and for numbered and task items', () => {
    expect(rows(plain('- alpha beta gamma delta epsilon', 16))).toEqual(['• alpha beta', '  gamma delta', '  epsilon']);
    expect(rows(plain('9. alpha beta\n10. gamma delta epsilon zeta', 16))).toEqual([' 9. alpha beta', '10. gamma delta', '    epsilon zeta']);
    expect(rows(plain('- top\n  - alpha beta gamma delta', 17))).toEqual(['• top', '  • alpha beta', '    gamma delta']);
    // The checkbox shares the first row with the text; the rows after it hang under the checkbox.
    expect(rows(plain('- [ ] alpha beta gamma delta', 16))).toEqual(['• [ ] alpha beta', '  gamma', '  delta']);
  });

  it('puts the quote bar on every row of a wrapped quote', () => {
    expect(rows(plain('> alpha beta gamma delta epsilon', 14))).toEqual(['│ alpha beta', '│ gamma delta', '│ epsilon']);
  });

  it('closes colours at each row end and reopens them on the next row, the text unchanged', () => {
    const markdown = 'plain **bold words that run across rows** and *more* text';
    const out = colored(markdown, 12);
    expect(rows(stripVTControlCharacters(out))).toEqual(rows(plain(markdown, 12)));
    const bold = rows(out).filter((row) => stripVTControlCharacters(row).includes('words'))[0] ?? '';
    expect(bold.startsWith('\x1b[1m')).toBe(true);
    expect(bold.endsWith('\x1b[0m') || bold.endsWith('\x1b[22m')).toBe(true);
    for (const row of rows(out)) expect(stringWidth(row)).toBeLessThanOrEqual(12);
  });

  it('keeps code lines whole, to copy out as written', () => {
    const code = `const value = ${'1 + '.repeat(20)}1;`;
    expect(rows(plain(`text\n\n\`\`\`js\n${code}\n\`\`\``, 20))).toEqual(['text', '', '```js', code, '```']);
  });

  it('does not wrap without a finite width', () => {
    const long = 'word '.repeat(50).trim();
    expect(plain(long, Number.POSITIVE_INFINITY)).toBe(long);
  });
});

describe('GrowingLineTail', () => {
  const words = Array.from({length: 3000}, (_, i) => (i % 7 === 3 ? 'café' : i % 11 === 5 ? '日本' : `w${i}`));

  it('shows the same last rows of a growing paragraph as wrapping it whole', () => {
    const tail = new GrowingLineTail();
    for (let count = 1; count <= words.length; count += 37) {
      const text = `Intro.\n\n${words.slice(0, count).join(' ')}`;
      const expected = lastLines(plain(text, 40), 10, 40);
      expect(lastLines(plain(tail.trim(text, 10, 40), 40), 10, 40), String(count)).toBe(expected);
    }
  });

  it('cuts a long line, keeping at least the rows asked for and its list marker', () => {
    const tail = new GrowingLineTail();
    const line = `- ${words.join(' ')}`;
    const trimmed = tail.trim(line, 10, 40);
    expect(trimmed.length).toBeLessThan(line.length / 10);
    expect(trimmed.startsWith('- ')).toBe(true);
    expect(line.endsWith(trimmed.slice(2))).toBe(true);
    expect(rows(plain(trimmed, 40)).length).toBeGreaterThanOrEqual(10);
    expect(lastLines(plain(trimmed, 40), 10, 40)).toBe(lastLines(plain(line, 40), 10, 40));
  });

  it('starts over when the text is not the last one grown', () => {
    const tail = new GrowingLineTail();
    const first = words.join(' ');
    tail.trim(first, 5, 30);
    const other = words.slice().reverse().join(' ');
    expect(lastLines(plain(tail.trim(other, 5, 30), 30), 5, 30)).toBe(lastLines(plain(other, 30), 5, 30));
    // A new width, too.
    expect(lastLines(plain(tail.trim(other, 5, 50), 50), 5, 50)).toBe(lastLines(plain(other, 50), 5, 50));
  });
});
