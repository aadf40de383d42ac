import {stripVTControlCharacters} from 'node:util';
import {describe, expect, it} from 'vitest';
import {renderMarkdown} from '../../src/ui/markdown/render-markdown.js';

const plain = (markdown: string): string => renderMarkdown(markdown, {width: 80, color: false});
const colored = (markdown: string): string => renderMarkdown(markdown, {width: 80, color: true});

describe('renderMarkdown headings', () => {
  it('drops the # marks when coloured, and keeps them (with the level) without colour', () => {
    expect(stripVTControlCharacters(colored('# Title'))).toBe('Title');
    expect(stripVTControlCharacters(colored('### Third *level*'))).toBe('Third level');
    expect(plain('# Title')).toBe('# Title');
    expect(plain('### Third *level*')).toBe('### Third level');
    expect(plain('Setext\n======')).toBe('# Setext');
  });

  it('makes headings bold, and h1 underlined', () => {
    const h1 = colored('# Title');
    expect(stripVTControlCharacters(h1)).toBe('Title');
    expect(h1).toContain('\u001b[1m');
    expect(h1).toContain('\u001b[4m');
    expect(colored('## Sub')).toContain('\u001b[1m');
  });
});

describe('renderMarkdown emphasis', () => {
  it('drops the emphasis markers in plain mode, and keeps those of strikethrough and code', () => {
    expect(plain('**bold**, *italic*, ~~gone~~ and `code`')).toBe('bold, italic, ~~gone~~ and `code`');
  });

  it('styles bold, italic, strike and inline code', () => {
    const out = colored('**b** *i* ~~s~~ `c`');
    expect(stripVTControlCharacters(out)).toBe('b i s c');
    expect(out).toContain('\u001b[1mb');
    expect(out).toContain('\u001b[3mi');
    expect(out).toContain('\u001b[9ms');
    expect(out).toMatch(/\u001b\[3\dmc/);
  });
});

describe('renderMarkdown paragraphs', () => {
  it('joins soft breaks with a space and keeps hard breaks', () => {
    expect(plain('one\ntwo  \nthree\\\nfour')).toBe('one two\nthree\nfour');
  });

  it('separates blocks with exactly one blank line and adds no trailing newline', () => {
    expect(plain('first\n\n\n\nsecond\n\n')).toBe('first\n\nsecond');
  });

  it('unescapes backslash escapes and decodes entities, and prints HTML as written', () => {
    expect(plain('\\*not em\\* &amp; &lt;tag&gt; &copy; &#x1F600; <b>raw</b>')).toBe(
      '*not em* & <tag> © 😀 <b>raw</b>',
    );
    expect(plain('<div>\n  block\n</div>')).toBe('<div>\n  block\n</div>');
    expect(plain('&constructor; &toString; &nosuch;')).toBe('&constructor; &toString; &nosuch;');
  });
});

describe('renderMarkdown links', () => {
  it('shows text then the url', () => {
    expect(plain('see [the docs](https://example.com/a?b=1&amp;c=2)')).toBe(
      'see the docs (https://example.com/a?b=1&c=2)',
    );
  });

  it('shows only the url when the text is the url, for autolinks and bare urls', () => {
    expect(plain('[https://x.dev](https://x.dev)')).toBe('https://x.dev');
    expect(plain('<https://x.dev/a>')).toBe('https://x.dev/a');
    expect(plain('go to https://x.dev/b now')).toBe('go to https://x.dev/b now');
    expect(plain('mail me@x.dev')).toBe('mail me@x.dev');
  });

  it('resolves reference links within the same text', () => {
    expect(plain('[ref]\n\n[ref]: https://x.dev/r')).toBe('ref (https://x.dev/r)');
  });

  it('underlines the url when colored', () => {
    const out = colored('[docs](https://x.dev)');
    expect(stripVTControlCharacters(out)).toBe('docs (https://x.dev)');
    expect(out).toContain('\u001b[4mhttps://x.dev');
  });
});

describe('renderMarkdown block quotes and rules', () => {
  it('prefixes quoted lines with a bar, nested quotes with two', () => {
    expect(plain('> quoted *text*\n> more\n>\n> > inner')).toBe('│ quoted text more\n│\n│ │ inner');
  });

  it('styles the quote when colored without changing the text', () => {
    const out = colored('> wise words');
    expect(stripVTControlCharacters(out)).toBe('│ wise words');
    expect(out).toContain('\u001b[3m');
  });

  it('draws a horizontal rule of at most 40 columns, narrower on a narrow terminal', () => {
    expect(plain('---')).toBe('─'.repeat(40));
    expect(renderMarkdown('***', {width: 12, color: false})).toBe('─'.repeat(12));
    expect(renderMarkdown('___', {width: 0, color: false})).toBe('─'.repeat(40));
    expect(stripVTControlCharacters(colored('---'))).toBe('─'.repeat(40));
  });
});
