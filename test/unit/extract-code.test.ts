import {describe, expect, it} from 'vitest';
import {codeBlocks, CodeExtractor, extractCode, type ExtractMode} from '../../src/output/extract-code.js';

const FENCE = '```';

describe('codeBlocks', () => {
  it('finds none in prose, and none in an inline ``` span', () => {
    expect(codeBlocks('Just words.\nAnd `code` inline, ```not a fence``` here.\n')).toEqual([]);
    expect(codeBlocks('')).toEqual([]);
  });

  it('takes one block without its fences or info string, its trailing newline kept once', () => {
    expect(codeBlocks(`Run this:\n${FENCE}bash title="x"\nls -la\necho hi\n${FENCE}\nDone.`)).toEqual(['ls -la\necho hi\n']);
  });

  it('takes several, in order, of backticks and tildes', () => {
    const text = `a\n${FENCE}py\nprint(1)\n${FENCE}\nb\n~~~sh\nrm x\n~~~\nc\n${FENCE}\n\n${FENCE}\n`;
    expect(codeBlocks(text)).toEqual(['print(1)\n', 'rm x\n', '\n']);
    expect(extractCode(text, 'first')).toBe('print(1)\n');
    expect(extractCode(text, 'last')).toBe('\n');
  });

  it('an empty block is an empty string, not no block', () => {
    expect(codeBlocks(`${FENCE}\n${FENCE}\n`)).toEqual(['']);
  });

  it('a longer fence holds shorter ones and the other character as content', () => {
    const text = `${'````'}markdown\n${FENCE}js\nx()\n${FENCE}\n~~~\n${'````'}\n`;
    expect(codeBlocks(text)).toEqual([`${FENCE}js\nx()\n${FENCE}\n~~~\n`]);
    expect(codeBlocks(`~~~~\n~~~\n${FENCE}\n~~~~~\nafter\n`)).toEqual([`~~~\n${FENCE}\n`]);
  });

  it('a closing fence may be longer, but carries nothing after it', () => {
    expect(codeBlocks(`${FENCE}\na\n${FENCE} not closing\nb\n${'`````'}  \nprose\n`)).toEqual([`a\n${FENCE} not closing\nb\n`]);
  });

  it('a backtick fence whose info string holds a backtick is prose; a tilde one may', () => {
    expect(codeBlocks(`${FENCE}a\`b\nx\n`)).toEqual([]);
    expect(codeBlocks('~~~a`b\nx\n~~~\n')).toEqual(['x\n']);
  });

  it('an unclosed last fence runs to the end (an answer cut by --max-tokens keeps its code)', () => {
    expect(codeBlocks(`intro\n${FENCE}sh\nmake\nmake install`)).toEqual(['make\nmake install\n']);
    expect(codeBlocks(`${FENCE}sh\nmake\n`)).toEqual(['make\n']);
  });

  it('an indented fence (inside a list item) loses that much indentation from each line', () => {
    const text = `1. Install:\n   ${FENCE}bash\n   npm ci\n     --verbose\n  short\n   ${FENCE}\n2. Done\n`;
    expect(codeBlocks(text)).toEqual(['npm ci\n  --verbose\nshort\n']);
  });

  it('CRLF lines: fences are still seen; the content keeps its bytes', () => {
    expect(codeBlocks(`${FENCE}sh\r\nls\r\n${FENCE}\r\n`)).toEqual(['ls\r\n']);
  });
});

/** Feeds `text` to an extractor in chunks of `size`; returns what it wrote as it went, and at the end. */
function stream(text: string, mode: ExtractMode, size: number): {early: string; end: string; found: boolean} {
  const extractor = new CodeExtractor(mode);
  let early = '';
  for (let at = 0; at < text.length; at += size) early += extractor.push(text.slice(at, at + size));
  const rest = extractor.end();
  return {early, end: rest.text, found: rest.found};
}

describe('CodeExtractor', () => {
  const answer = `Here:\n${FENCE}js\nconst a = 1;\nconst b = 2;\n${FENCE}\nand also\n~~~\nlast()\n~~~\nbye`;

  it('first: the block lines come out as they complete, the prose never; the same for every chunking', () => {
    for (const size of [1, 2, 3, 7, 1000]) {
      const {early, end, found} = stream(answer, 'first', size);
      expect(early + end).toBe('const a = 1;\nconst b = 2;\n');
      expect(found).toBe(true);
    }
    const extractor = new CodeExtractor('first');
    expect(extractor.push(`Here:\n${FENCE}js\nconst a`)).toBe('');
    expect(extractor.push(' = 1;\nconst')).toBe('const a = 1;\n');
  });

  it('last: nothing until the end, then the last block', () => {
    const {early, end, found} = stream(answer, 'last', 4);
    expect(early).toBe('');
    expect([end, found]).toEqual(['last()\n', true]);
  });

  it('no block: the whole answer at the end, as it is', () => {
    for (const mode of ['first', 'last'] as const) expect(stream('No code\nhere', mode, 3)).toEqual({early: '', end: 'No code\nhere', found: false});
  });

  it('an unclosed block ends with its last line, given a newline; a lone opening fence is an empty block', () => {
    expect(stream(`x\n${FENCE}\nline1\nline2`, 'first', 5)).toEqual({early: 'line1\n', end: 'line2\n', found: true});
    expect(stream(`x\n${FENCE}`, 'first', 5)).toEqual({early: '', end: '', found: true});
  });
});
