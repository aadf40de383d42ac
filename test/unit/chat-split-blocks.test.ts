import {describe, expect, it} from 'vitest';
import {splitCompletedBlocks} from '../../src/chat/split-blocks.js';

describe('splitting a streaming answer into completed blocks', () => {
  it('completes a block at a blank line and keeps the tail growing', () => {
    const text = 'First para\nstill first.\n\nSecond para';
    expect(splitCompletedBlocks(text)).toEqual({blocks: ['First para\nstill first.'], tailStart: text.indexOf('Second')});
  });

  it('never splits inside a code fence', () => {
    const text = 'Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter';
    const split = splitCompletedBlocks(text);
    expect(split.blocks).toEqual(['Intro', '```js\nconst a = 1;\n\nconst b = 2;\n```']);
    expect(text.slice(split.tailStart)).toBe('After');
    const open = 'Intro\n\n```\ncode\n\nmore';
    expect(splitCompletedBlocks(open).blocks).toEqual(['Intro']);
  });

  it('gives the same blocks fed token by token as all at once', () => {
    const text = '# Title\n\nPara one.\n\n- a\n- b\n\n```\nx\n\ny\n```\n\n> quote\n\nend';
    const whole = splitCompletedBlocks(text).blocks;
    const streamed: string[] = [];
    let from = 0;
    for (let i = 1; i <= text.length; i++) {
      const split = splitCompletedBlocks(text.slice(0, i), from);
      streamed.push(...split.blocks);
      from = split.tailStart;
    }
    expect(streamed).toEqual(whole);
    expect(whole).toEqual(['# Title', 'Para one.', '- a\n- b', '```\nx\n\ny\n```', '> quote']);
  });
});
