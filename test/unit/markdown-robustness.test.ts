import {stripVTControlCharacters} from 'node:util';
import {describe, expect, it} from 'vitest';
import {renderMarkdown} from '../../src/ui/markdown/render-markdown.js';

const plain = (markdown: string): string => renderMarkdown(markdown, {width: 80, color: false});
const colored = (markdown: string): string => renderMarkdown(markdown, {width: 80, color: true});

const EVERYTHING = [
  '# Title',
  'Text with **bold**, *em*, ~~del~~, `code`, [a link](https://x.dev) and <i>html</i> &amp; \\*.',
  '- [ ] task\n- item\n  1. nested',
  '> quote\n> > nested',
  '| a | b |\n|:-:|--:|\n| 中 | 😀 |',
  '```ts\nconst x: number = 1; // c\n```',
  '```unknown\nraw\n```',
  '    indented',
  '---',
  '![img](https://x.dev/i.png)',
].join('\n\n');

const ODD_INPUTS = [
  '',
  '\n\n\n',
  '```',
  '```python',
  '```python\nprint(1',
  '~~~\nunclosed tilde fence',
  '| a | b |',
  '| a | b |\n|:-',
  '| a |\n|---|\n| 1 | 2 | 3 |',
  '[',
  '[text](',
  '**unclosed',
  '*',
  '<div',
  '<!-- comment',
  '- ',
  '1.',
  '> ',
  '[ref]: ',
  '&#0; &#x110000; &#xD800; &bogus; &',
  '>'.repeat(500) + ' deep',
  '- '.repeat(200) + 'deep',
  '\\',
  '\u0000\u0001\u0002\uFFFF\uD800',
  '# ',
  '| 😀 | 中文 |\n|--|--|\n|',
];

describe('renderMarkdown plain mode', () => {
  it('contains no escape character at all', () => {
    expect(plain(EVERYTHING)).not.toContain('\u001b');
    for (const input of ODD_INPUTS) expect(plain(input)).not.toContain('\u001b');
  });

  it('lays out like colour mode once the colour is stripped, but for the markers that stand in for it', () => {
    expect(colored(EVERYTHING)).toContain('\u001b[');
    // Plain mode adds `#`, backticks, `~~` and fence lines; colour mode adds a label above code.
    const withoutMarkers = plain(EVERYTHING)
      .split('\n')
      .filter((line) => !line.startsWith('```'))
      .map((line) => line.replace(/^#+ /, '').replace(/`|~~/g, ''));
    const withoutLabels = stripVTControlCharacters(colored(EVERYTHING))
      .split('\n')
      .filter((line) => !['ts', 'unknown', 'code'].includes(line));
    expect(withoutLabels).toEqual(withoutMarkers);
  });

  it('never ends with a newline', () => {
    expect(plain(EVERYTHING)).not.toMatch(/\n$/);
    expect(colored('text\n\n\n')).toBe('text');
  });
});

describe('renderMarkdown on odd input', () => {
  it('never throws', () => {
    for (const input of ODD_INPUTS) {
      expect(() => plain(input)).not.toThrow();
      expect(() => colored(input)).not.toThrow();
    }
  });

  it('renders fragments a stream may hand it as something readable', () => {
    expect(plain('**unclosed')).toBe('**unclosed');
    expect(plain('[text](')).toBe('[text](');
    expect(plain('| a | b |')).toBe('| a | b |');
  });

  it('drops control characters from the model text so it cannot drive the terminal', () => {
    const hostile = 'a\u001b[2J\u001b]0;title\u0007b &#27;[31mc `\u001b[1md` \u009b31m';
    for (const out of [plain(hostile), stripVTControlCharacters(colored(hostile))]) {
      expect(out).not.toContain('\u001b');
      expect(out).not.toContain('\u0007');
      expect(out).not.toContain('\u009b');
    }
    expect(plain(hostile)).toBe('a[2J]0;titleb [31mc `[1md` 31m');
    expect(plain('```\n\u001b[31mred\n```')).toBe('```\n[31mred\n```');
    expect(plain('```\u001b[31mjs\nx\n```')).toBe('```[31mjs\nx\n```');
  });

  it('keeps tabs and turns CRLF line endings into plain newlines', () => {
    expect(plain('a\r\nb\r\n\r\n```\n\tx\r\n```')).toBe('a b\n\n```\n\tx\n```');
  });
});

describe('renderMarkdown on a long document', () => {
  it('renders a 2,000-line answer whole and block by block', () => {
    const section = (index: number): string =>
      [
        `## Section ${index}`,
        `Some *text* with \`code\` and a [link](https://x.dev/${index}).`,
        '- one\n- two',
        '| k | v |\n|---|--:|\n| a | 1 |',
        `\`\`\`ts\nconst value: number = ${index};\nexport {value};\n\`\`\``,
      ].join('\n\n');
    const document = Array.from({length: 130}, (_, index) => section(index)).join('\n\n');
    expect(document.split('\n').length).toBeGreaterThan(2000);

    const whole = colored(document);
    expect(stripVTControlCharacters(whole)).toContain('Section 129');
    expect(stripVTControlCharacters(whole)).toContain('const value: number = 129;');

    const blocks = document.split(/\n{2,}(?=[^\n])/).map((block) => colored(block));
    expect(stripVTControlCharacters(blocks.join('\n\n'))).toBe(stripVTControlCharacters(whole));
  });
});
