import wrapAnsi from 'wrap-ansi';
import {describe, expect, it} from 'vitest';
import {columnsOf, wrapLine} from '../../src/ui/transcript-wrap.js';

/** What ink does to a line of a <Text> wider than its box. */
const inkWrap = (line: string, columns: number): string[] => wrapAnsi(line, columns, {trim: false, hard: true}).split('\n');

const WORDS = ['a', 'the', 'answer', 'café', 'naïve', '—', '“quoted”', '•', '│', 'Ελληνικά', 'кириллица', 'x'.repeat(12), '漢字', '👍', 'tab\there', ''];
const STYLES = [(w: string) => w, (w: string) => `\x1b[1m${w}\x1b[22m`, (w: string) => `\x1b[33m${w}\x1b[39m`, (w: string) => `\x1b[2m\x1b[3m${w}\x1b[23m\x1b[22m`];

/** A small deterministic generator, so a failure names a line that can be run again. */
function lines(count: number): string[] {
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  return Array.from({length: count}, () => {
    // Runs of one to five words in one style, so a colour is open where a row breaks.
    const runs = 1 + next(12);
    return Array.from({length: runs}, () => {
      const words = Array.from({length: 1 + next(5)}, () => WORDS[next(WORDS.length)] as string).join(' ');
      return (STYLES[next(STYLES.length)] as (w: string) => string)(words);
    }).join(' ');
  });
}

describe('wrapLine', () => {
  it('wraps every line exactly as ink (wrap-ansi) does: words, spaces, colours carried across rows, wide and long words', () => {
    for (const line of lines(300)) {
      for (const columns of [8, 13, 20, 37, 80]) expect(wrapLine(line, columns), JSON.stringify({line, columns})).toEqual(inkWrap(line, columns));
    }
  });

  it('leaves a line that fits as it is, and breaks a word longer than the row', () => {
    expect(wrapLine('short line', 80)).toEqual(['short line']);
    expect(wrapLine('abcdefghij klm', 4)).toEqual(inkWrap('abcdefghij klm', 4));
  });
});

describe('columnsOf', () => {
  it('counts colour codes as nothing and wide characters as two', () => {
    expect(columnsOf('\x1b[1mbold\x1b[22m café — “x”')).toBe(15);
    expect(columnsOf('漢字 ok')).toBe(7);
  });
});
