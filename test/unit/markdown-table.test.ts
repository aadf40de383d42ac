import {stripVTControlCharacters} from 'node:util';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {renderMarkdown} from '../../src/ui/markdown/render-markdown.js';

const plain = (markdown: string): string => renderMarkdown(markdown, {width: 80, color: false});
const colored = (markdown: string): string => renderMarkdown(markdown, {width: 80, color: true});

const TABLE = [
  '| Name | Qty | Where |',
  '|:-----|----:|:-----:|',
  '| 中文 | 1 | 😀 |',
  '| apple | 1000 | x |',
].join('\n');

describe('renderMarkdown tables', () => {
  it('aligns columns by display width and follows the column alignment', () => {
    expect(plain(TABLE).split('\n')).toEqual([
      'Name    Qty  Where',
      '─────  ────  ─────',
      '中文      1   😀',
      'apple  1000    x',
    ]);
  });

  it('lines the right-aligned column up by display width, wide characters included', () => {
    const lines = plain(TABLE).split('\n');
    const qtyEnd = (line: string): number => stringWidth(line.slice(0, line.search(/\d(?!\d)/) + 1));
    expect(qtyEnd(lines[2] ?? '')).toBe(qtyEnd(lines[3] ?? ''));
    expect(qtyEnd(lines[2] ?? '')).toBe(stringWidth('─────  ────'));
  });

  it('makes the header bold and the rule dim, with the same layout as plain', () => {
    const out = colored(TABLE);
    expect(stripVTControlCharacters(out)).toBe(plain(TABLE));
    expect(out.split('\n')[0]).toContain('\u001b[1mName');
    expect(out.split('\n')[1]).toContain('\u001b[2m');
  });

  it('renders inline markdown in cells and measures it without the escape codes', () => {
    const markdown = '| a | b |\n|---|---|\n| **bold** | *x* |\n| long cell | y |';
    expect(plain(markdown).split('\n')).toEqual([
      'a          b',
      '─────────  ─',
      'bold       x',
      'long cell  y',
    ]);
    expect(stripVTControlCharacters(colored(markdown))).toBe(plain(markdown));
  });

  it('renders a header-only table, and fills short rows', () => {
    expect(plain('| a | b |\n|---|---|')).toBe('a  b\n─  ─');
    expect(plain('| a | b |\n|---|---|\n| 1 |')).toBe('a  b\n─  ─\n1');
  });

  it('leaves half a table as text', () => {
    expect(plain('| a | b |\n|:-')).toBe('| a | b | |:-');
  });
});
