import {stripVTControlCharacters} from 'node:util';
import {describe, expect, it} from 'vitest';
import {renderMarkdown} from '../../src/ui/markdown/render-markdown.js';

const plain = (markdown: string, width: number): string[] => renderMarkdown(markdown, {width, color: false}).split('\n');
const colored = (markdown: string, width: number): string[] => renderMarkdown(markdown, {width, color: true}).split('\n');

const ANSWER = [
  '## Setup',
  'Run `npm test` first; ~~yarn~~ is **not** used here, *ever*.',
  '```sh',
  'npm test -- --reporter=verbose --bail',
  '```',
  '```',
  'no language',
  '```',
].join('\n');

describe('renderMarkdown without colour keeps the structure', () => {
  it('keeps heading markers, backticks, ~~ and fence lines, at 40 columns', () => {
    expect(plain(ANSWER, 40)).toEqual([
      '## Setup',
      '',
      'Run `npm test` first; ~~yarn~~ is not',
      'used here, ever.',
      '',
      '```sh',
      'npm test -- --reporter=verbose --bail',
      '```',
      '',
      '```',
      'no language',
      '```',
    ]);
  });

  it('fences inline code that holds backticks with a longer run, and a code block likewise', () => {
    expect(plain('use ``a`b`` here', 40)).toEqual(['use `` a`b `` here']);
    expect(plain('````md\n```js\nx\n```\n````', 40)).toEqual(['````md', '```js', 'x', '```', '````']);
  });

  it('labels a code block with its language, dim, in colour: no fence, no border, code unindented', () => {
    const rows = colored('- step\n\n  ```sh\n  npm test\n  ```\n\n```\nplain\n```', 40);
    expect(rows.map((row) => stripVTControlCharacters(row))).toEqual(['• step', '', '  sh', 'npm test', '', 'code', 'plain']);
    expect(rows[2]).toBe('  \u001b[2msh\u001b[22m');
    expect(rows[5]).toBe('\u001b[2mcode\u001b[22m');
  });
});
