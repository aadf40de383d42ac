import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {textWidth} from '../../src/text/text-width.js';
import {wrapRows} from '../../src/text/wrap-rows.js';

const SAMPLES = ['a', 'é', 'ß', '日本', '👍🏽', '👩‍👩‍👧‍👦', '🇫🇷', 'e\u0301', '\u00ad', 'Ω', 'Ж', '\x1b[31m', '\x1b[39m', '\t', ' ', '  ', 'word', 'ﾞ', '한', '\u200b'];

/** A deterministic mix of SAMPLES, `count` picks long. */
function mix(seed: number, count: number): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    text += SAMPLES[state % SAMPLES.length];
  }
  return text;
}

describe('textWidth', () => {
  it('agrees with string-width on mixed text of any length, cut in pieces or not', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const text = mix(seed, 50 + seed * 40);
      expect(textWidth(text), JSON.stringify(text.slice(0, 80))).toBe(stringWidth(text));
    }
  });

  it('agrees on long runs without spaces: flags, families, combining marks, CJK', () => {
    for (const unit of ['🇫🇷', '🇫🇷a', '👩‍👩‍👧‍👦', 'e\u0301\u0302', '日本語', 'x\x1b[1mb\x1b[22m']) {
      const text = unit.repeat(700);
      expect(textWidth(text), unit).toBe(stringWidth(text));
    }
    const oddFlags = `a${'🇫🇷'.repeat(301)}`;
    expect(textWidth(oddFlags)).toBe(stringWidth(oddFlags));
  });
});

const segmenter = new Intl.Segmenter();

describe('wrapRows', () => {
  const plain = (row: string) => row.replace(/\x1b\[[0-9;]*m/g, '');

  it('breaks at spaces, drops the breaking space, and keeps every row within the width', () => {
    expect(wrapRows('the quick brown fox jumps over the lazy dog', 10)).toEqual(['the quick', 'brown fox', 'jumps over', 'the lazy', 'dog']);
    for (let seed = 1; seed <= 30; seed++) {
      const text = mix(seed, 400).replaceAll('\t', '');
      for (const width of [2, 7, 40]) {
        const rows = wrapRows(text, width);
        // A single grapheme wider than the row (an emoji with a halfwidth mark is 3 cells) stands alone.
        for (const row of rows) if ([...segmenter.segment(plain(row))].length > 1) expect(stringWidth(row)).toBeLessThanOrEqual(width);
        // Nothing but the breaking spaces is lost.
        expect(plain(rows.join('')).replaceAll(' ', '')).toBe(plain(text).replaceAll(' ', ''));
      }
    }
  });

  it('breaks a word wider than the row between graphemes, on a row of its own', () => {
    expect(wrapRows('ab supercalifragilistic', 6)).toEqual(['ab', 'superc', 'alifra', 'gilist', 'ic']);
    expect(wrapRows('日本語のテキスト', 5)).toEqual(['日本', '語の', 'テキ', 'スト']);
  });

  it('closes colours at the end of a row and opens them again on the next', () => {
    const rows = wrapRows('a \x1b[31mred words\x1b[39m end', 5);
    expect(rows).toEqual(['a \x1b[31mred\x1b[0m', '\x1b[31mwords\x1b[39m', 'end']);
  });
});
