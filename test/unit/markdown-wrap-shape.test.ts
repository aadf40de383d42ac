import {describe, expect, it} from 'vitest';
import {renderMarkdown} from '../../src/ui/markdown/render-markdown.js';
import {wrapProse, wrapRows, wrapText} from '../../src/text/wrap-rows.js';

const plain = (markdown: string, width: number): string[] => renderMarkdown(markdown, {width, color: false}).split('\n');

describe('wrapped lines keep their shape', () => {
  it('starts no row with the spaces that ended the row before, and ends none with them', () => {
    const markdown = 'The first sentence ends here.  The second one follows after two spaces.   And a third.';
    expect(plain(markdown, 40)).toEqual([
      'The first sentence ends here.  The',
      'second one follows after two spaces.',
      'And a third.',
    ]);
    expect(plain(markdown, 30)).toEqual([
      'The first sentence ends here.',
      'The second one follows after',
      'two spaces.   And a third.',
    ]);
  });

  it('hangs nested list items under their text and repeats every quote gutter, at 40 columns', () => {
    const markdown = [
      '- a first item that is long enough to wrap at forty',
      '  - a nested item that is long enough to wrap as well',
      '',
      '> quoted text that is long enough to wrap at forty columns',
      '>',
      '> > a nested quote that also wraps around at forty columns',
    ].join('\n');
    expect(plain(markdown, 40)).toEqual([
      '• a first item that is long enough to',
      '  wrap at forty',
      '  • a nested item that is long enough to',
      '    wrap as well',
      '',
      '│ quoted text that is long enough to',
      '│ wrap at forty columns',
      '│',
      '│ │ a nested quote that also wraps',
      '│ │ around at forty columns',
    ]);
  });

  it('wraps the footer and /help text (wrapText) without a row starting in the column gap', () => {
    const help = '/model <id>                change the model';
    expect(wrapText(help, 20).split('\n')).toEqual(['/model <id>', 'change the model']);
    expect(wrapText('1 in · 2 out  ·  $0.01', 13).split('\n')).toEqual(['1 in · 2 out', '·  $0.01']);
  });

  it('keeps leading indentation in prose, and every typed space in the input line (wrapRows)', () => {
    expect(wrapProse('    indented words here', 12)).toEqual(['    indented', 'words here']);
    // The input line shows what was typed: only the first space of the run goes at the break.
    expect(wrapRows('aaaa   bbbb', 5)).toEqual(['aaaa ', ' bbbb']);
    expect(wrapProse('aaaa   bbbb', 5)).toEqual(['aaaa', 'bbbb']);
  });
});
