import {stripVTControlCharacters} from 'node:util';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {renderMarkdown} from '../../src/ui/markdown/render-markdown.js';
import {osc8Hyperlink, supportsHyperlinks} from '../../src/ui/markdown/terminal-hyperlinks.js';
import {textWidth} from '../../src/text/text-width.js';

const linked = (markdown: string, width: number): string => renderMarkdown(markdown, {width, color: true, hyperlinks: true});
const open = (url: string): string => `\u001b]8;;${url}\u001b\\`;
const END = '\u001b]8;;\u001b\\';

describe('renderMarkdown OSC 8 hyperlinks', () => {
  it('makes the link text and the URL clickable, and still shows both', () => {
    const out = linked('see [the docs](https://x.dev/a?b=1&c=2) now', 80);
    expect(stripVTControlCharacters(out)).toBe('see the docs (https://x.dev/a?b=1&c=2) now');
    expect(out).toBe(
      `see ${open('https://x.dev/a?b=1&c=2')}\u001b[34mthe docs\u001b[39m${END} (${open('https://x.dev/a?b=1&c=2')}\u001b[2m\u001b[4mhttps://x.dev/a?b=1&c=2\u001b[24m\u001b[22m${END}) now`,
    );
    expect(linked('<https://x.dev/b>', 80)).toContain(`${open('https://x.dev/b')}`);
  });

  it('is off unless asked for, and never without colour', () => {
    expect(renderMarkdown('[a](https://x.dev)', {width: 80, color: true})).not.toContain('\u001b]');
    expect(renderMarkdown('[a](https://x.dev)', {width: 80, color: false, hyperlinks: true})).toBe('a (https://x.dev)');
  });

  it('closes the link at the end of each row it wraps across and opens it again on the next', () => {
    const rows = linked('go to [a link text that wraps](https://x.dev/w) here', 18).split('\n');
    expect(rows.map((row) => stripVTControlCharacters(row))).toEqual(['go to a link text', 'that wraps', '(https://x.dev/w)', 'here']);
    expect(rows[0]?.endsWith(END)).toBe(true);
    expect(rows[1]?.startsWith(open('https://x.dev/w'))).toBe(true);
    // The sequences take no cells: every row is measured by its text alone.
    for (const row of rows) expect(textWidth(row)).toBe(stringWidth(stripVTControlCharacters(row)));
  });

  it('puts nothing from the URL into the sequence that a terminal would obey', () => {
    // The ESC and BEL in the source are gone before rendering; a space would split the sequence.
    const out = linked('[x](<https://x.dev/a b\u001b]8;;evil\u0007>)', 80);
    const target = /\u001b\]8;;([^\u001b\u0007]*)\u001b\\/.exec(out)?.[1];
    expect(target).toBe('https://x.dev/a%20b]8;;evil');
    expect(osc8Hyperlink('https://x.dev/\u001b\\\u0007\u009c é', 'x')).toBe(`${open('https://x.dev/%1B\\%07%C2%9C%20%C3%A9')}x${END}`);
  });

  it('links only web and mail URLs', () => {
    expect(osc8Hyperlink('file:///etc/passwd', 'x')).toBe('x');
    expect(osc8Hyperlink('javascript:alert(1)', 'x')).toBe('x');
    expect(osc8Hyperlink(`https://x.dev/${'a'.repeat(3000)}`, 'x')).toBe('x');
    expect(osc8Hyperlink('mailto:me@x.dev', 'me')).toBe(`${open('mailto:me@x.dev')}me${END}`);
  });
});

describe('supportsHyperlinks', () => {
  const tty = {isTTY: true};

  it('is never on off a terminal, with NO_COLOR, or on a dumb terminal, even when forced', () => {
    expect(supportsHyperlinks({isTTY: false}, {FORCE_HYPERLINK: '1', TERM_PROGRAM: 'iTerm.app'})).toBe(false);
    expect(supportsHyperlinks(tty, {NO_COLOR: '1', FORCE_HYPERLINK: '1'})).toBe(false);
    expect(supportsHyperlinks(tty, {TERM: 'dumb', FORCE_HYPERLINK: '1'})).toBe(false);
  });

  it('is off under tmux or screen unless FORCE_HYPERLINK says so', () => {
    expect(supportsHyperlinks(tty, {TMUX: '/tmp/tmux-0/default,1,0', TERM_PROGRAM: 'tmux', TERM: 'tmux-256color'})).toBe(false);
    expect(supportsHyperlinks(tty, {TERM: 'screen-256color', VTE_VERSION: '7000'})).toBe(false);
    expect(supportsHyperlinks(tty, {TMUX: 'x', FORCE_HYPERLINK: '1'})).toBe(true);
    expect(supportsHyperlinks(tty, {TERM_PROGRAM: 'iTerm.app', FORCE_HYPERLINK: '0'})).toBe(false);
  });

  it('is on in terminals known to show them, off in others', () => {
    expect(supportsHyperlinks(tty, {TERM_PROGRAM: 'iTerm.app'})).toBe(true);
    expect(supportsHyperlinks(tty, {TERM: 'xterm-kitty'})).toBe(true);
    expect(supportsHyperlinks(tty, {VTE_VERSION: '6800'})).toBe(true);
    expect(supportsHyperlinks(tty, {WT_SESSION: 'id'})).toBe(true);
    expect(supportsHyperlinks(tty, {TERM: 'xterm-256color'})).toBe(false);
    expect(supportsHyperlinks(tty, {TERM: 'linux'})).toBe(false);
  });
});
