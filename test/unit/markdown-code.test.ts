import {stripVTControlCharacters} from 'node:util';
import {describe, expect, it} from 'vitest';
import {renderMarkdown} from '../../src/ui/markdown/render-markdown.js';

const plain = (markdown: string): string => renderMarkdown(markdown, {width: 80, color: false});
const colored = (markdown: string): string => renderMarkdown(markdown, {width: 80, color: true});

const PYTHON = [
  'def greet(name: str) -> str:',
  '    """Say hello."""',
  '\treturn f"hello {name} & <you>"  # comment',
  '',
  'print(greet("x"), 42, None)',
].join('\n');

const BOX = /[│┃┌┐└┘├┤─━║═╭╮╯╰]/;

describe('renderMarkdown fenced code', () => {
  it('colours code by language and adds nothing else to its lines', () => {
    const out = colored(`\`\`\`python\n${PYTHON}\n\`\`\``);
    expect(out).toContain('\u001b[');
    const [label, ...code] = stripVTControlCharacters(out).split('\n');
    expect(label).toBe('python');
    expect(code).toEqual(PYTHON.split('\n'));
    expect(code.join('\n')).not.toMatch(BOX);
  });

  it('prints exactly the code between fence lines when colour is off', () => {
    expect(plain(`\`\`\`python\n${PYTHON}\n\`\`\``)).toBe(`\`\`\`python\n${PYTHON}\n\`\`\``);
  });

  it('understands language aliases and extra info after the language', () => {
    const code = 'const a: number = 1;';
    for (const info of ['ts', 'TypeScript', 'typescript title="a.ts"', '{.ts}']) {
      const out = colored(`\`\`\`${info}\n${code}\n\`\`\``);
      expect(out).toContain('\u001b[');
      expect(stripVTControlCharacters(out).split('\n').slice(1).join('\n')).toBe(code);
    }
  });

  it('shows code in an unknown or missing language plain, even with colour on', () => {
    const code = 'frobnicate <x> &amp; **not bold**';
    const dim = (label: string): string => `\u001b[2m${label}\u001b[22m`;
    expect(colored(`\`\`\`nonsense\n${code}\n\`\`\``)).toBe(`${dim('nonsense')}\n${code}`);
    expect(colored(`\`\`\`\n${code}\n\`\`\``)).toBe(`${dim('code')}\n${code}`);
    expect(colored(`~~~\n${code}\n~~~`)).toBe(`${dim('code')}\n${code}`);
  });

  it('prints indented code blocks without their indentation', () => {
    expect(plain('    indented\n      more')).toBe('```\nindented\n  more\n```');
    expect(stripVTControlCharacters(colored('    indented'))).toBe('code\nindented');
  });

  it('keeps blank lines, trailing spaces and tabs inside code', () => {
    const code = 'a  \n\n\tb\n\n\nc';
    expect(plain(`\`\`\`\n${code}\n\`\`\``)).toBe(`\`\`\`\n${code}\n\`\`\``);
    expect(stripVTControlCharacters(colored(`\`\`\`js\n${code}\n\`\`\``))).toBe(`js\n${code}`);
  });

  it('renders a fence still open while streaming as code', () => {
    expect(stripVTControlCharacters(colored('```python\nprint(1)\nx = [')).trim()).toBe('python\nprint(1)\nx = [');
    expect(stripVTControlCharacters(colored('```'))).toBe('code');
    expect(plain('```')).toBe('```\n\n```');
  });

  it('keeps multi-line strings and comments coloured line by line', () => {
    const code = '/* one\n   two */\nconst s = `a\nb`;';
    const out = colored(`\`\`\`js\n${code}\n\`\`\``);
    expect(stripVTControlCharacters(out)).toBe(`js\n${code}`);
    // Every line that starts inside a comment opens its own style: nothing leaks across lines.
    expect(out.split('\n')[2]).toMatch(/^\u001b\[/);
  });

  it('separates code from the surrounding text by one blank line', () => {
    expect(plain('Run:\n\n```sh\nls -la\n```\n\nDone.')).toBe('Run:\n\n```sh\nls -la\n```\n\nDone.');
    expect(stripVTControlCharacters(colored('Run:\n```sh\nls -la\n```\nDone.'))).toBe('Run:\n\nsh\nls -la\n\nDone.');
  });
});
