import {stripVTControlCharacters} from 'node:util';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {renderMarkdown} from '../../src/ui/markdown/render-markdown.js';

const plain = (markdown: string, width: number): string[] => renderMarkdown(markdown, {width, color: false}).split('\n');
const colored = (markdown: string, width: number): string[] => renderMarkdown(markdown, {width, color: true}).split('\n');

const WIDE = [
  '| Name | Description | Notes |',
  '|------|-------------|-------|',
  '| alpha | The first letter of the Greek alphabet, used widely in science | none |',
  '| beta | Second letter, often used for test releases of software | some notes here |',
].join('\n');

const STACKED = [
  '| id | name | kind | size | owner | state |',
  '|---|---|---|---|---|---|',
  '| 1 | report.pdf | document | 2 MB | ada lovelace | shared with the whole team |',
  '| 2 | x | y | z | w | v |',
].join('\n');

describe('renderMarkdown tables that do not fit the width', () => {
  it('keeps the natural layout when it fits', () => {
    expect(plain(WIDE, 120)).toEqual([
      'Name   Description                                                     Notes',
      '─────  ──────────────────────────────────────────────────────────────  ───────────────',
      'alpha  The first letter of the Greek alphabet, used widely in science  none',
      'beta   Second letter, often used for test releases of software         some notes here',
    ]);
  });

  it('narrows the widest column first and wraps its cells inside it, rules on one line', () => {
    expect(plain(WIDE, 40)).toEqual([
      'Name   Description       Notes',
      '─────  ────────────────  ───────────────',
      'alpha  The first letter  none',
      '       of the Greek',
      '       alphabet, used',
      '       widely in',
      '       science',
      'beta   Second letter,    some notes here',
      '       often used for',
      '       test releases of',
      '       software',
    ]);
  });

  it('shrinks several wide columns to one shared width, narrow ones untouched', () => {
    const markdown = `| k | left | right |\n|---|---|---|\n| 1 | ${'a '.repeat(30).trim()} | ${'b '.repeat(30).trim()} |`;
    const rows = plain(markdown, 40);
    // 36 cells for the columns: 1, then 17 each, and the cell left over goes to the first.
    expect(rows[1]).toBe('─  ──────────────────  ─────────────────');
    expect(rows[2]).toBe('1  a a a a a a a a a   b b b b b b b b b');
    for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(40);
  });

  it('never draws a row wider than the width, with colour, wide characters and inside a list', () => {
    const markdown = `- item\n\n  | 名前 | 説明 |\n  |---|---|\n  | ${'漢字 '.repeat(20).trim()} | **${'bold '.repeat(12).trim()}** |`;
    for (const width of [40, 80]) {
      const rows = colored(markdown, width);
      for (const row of rows) expect(stringWidth(row), row).toBeLessThanOrEqual(width);
      expect(rows.filter((row) => stripVTControlCharacters(row).includes('─'))).toHaveLength(1);
    }
  });

  it('stacks the rows as `header: value` lines when the columns cannot fit without breaking words', () => {
    expect(plain(STACKED, 40)).toEqual([
      'id: 1',
      'name: report.pdf',
      'kind: document',
      'size: 2 MB',
      'owner: ada lovelace',
      'state: shared with the whole team',
      '',
      'id: 2',
      'name: x',
      'kind: y',
      'size: z',
      'owner: w',
      'state: v',
    ]);
    // At 80 columns the same table fits as columns again.
    expect(plain(STACKED, 80)[0]).toBe('id  name        kind      size  owner         state');
  });

  it('wraps a long stacked value with its rows hanging under the header', () => {
    expect(plain(STACKED, 20).slice(4, 7)).toEqual(['owner: ada lovelace', 'state: shared with', '  the whole team']);
  });

  it('makes the stacked header bold', () => {
    expect(colored(STACKED, 40)[0]).toBe('\u001b[1mid:\u001b[22m 1');
  });
});
