import {describe, expect, it} from 'vitest';
import type {AssistantEntry} from '../../src/chat/chat-types.js';
import {formatAnswerFooter} from '../../src/ui/format-answer-footer.js';
import {lastLines} from '../../src/ui/last-lines.js';
import {trimTailSource} from '../../src/ui/trim-tail-source.js';

const entry = (extra: Partial<AssistantEntry> = {}): AssistantEntry => ({
  kind: 'assistant',
  id: 1,
  text: 'x',
  reasoning: '',
  finishReason: 'stop',
  interrupted: false,
  timing: {totalMs: 1000},
  ...extra,
});

describe('answer footer', () => {
  it('lists the turn, then the session', () => {
    const footer = formatAnswerFooter(
      entry({usage: {promptTokens: 12, completionTokens: 340}, cost: 0.0012, timing: {totalMs: 7000, firstTokenMs: 400}, tokensPerSecond: 51.6}),
      {turns: 3, promptTokens: 1000, completionTokens: 204, cost: 0.004},
    );
    expect(footer).toBe('12 in · 340 out · $0.0012 · first token 0.4 s · 52 tok/s │ session: 3 turns · 1,204 tokens · $0.0040');
  });

  it('leaves out what is unknown', () => {
    expect(formatAnswerFooter(entry(), {turns: 1, promptTokens: 0, completionTokens: 0, cost: 0})).toBe('session: 1 turn');
    expect(formatAnswerFooter(entry({result: {index: 1, of: 2}}), {turns: 1, promptTokens: 0, completionTokens: 0, cost: 0})).toBe(
      'result 2 of 2 │ session: 1 turn',
    );
  });
});

describe('lastLines', () => {
  it('keeps the rows that fit, each wrapped to the width', () => {
    expect(lastLines('a\nb\nc\nd', 2, 80)).toBe('c\nd');
    expect(lastLines(`a\n${'x'.repeat(150)}`, 2, 80)).toBe(`${'x'.repeat(80)}\n${'x'.repeat(70)}`);
    expect(lastLines(`a\nb\n${'word '.repeat(30).trim()}`, 2, 80)).toBe(`${'word '.repeat(16).trim()}\n${'word '.repeat(14).trim()}`);
    expect(lastLines(`a\nb\n${'word '.repeat(30).trim()}`, 3, 80)).toBe(`b\n${'word '.repeat(16).trim()}\n${'word '.repeat(14).trim()}`);
  });

  it('cuts a line taller than the budget to its end', () => {
    const cut = lastLines(Array.from({length: 100}, (_, i) => `w${i}`).join(' '), 2, 20);
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(cut.endsWith('w99')).toBe(true);
  });
});

describe('trimTailSource', () => {
  it('keeps the last lines and reopens the fence they sit in', () => {
    const source = ['intro', '```ts', ...Array.from({length: 50}, (_, i) => `line ${i}`)].join('\n');
    expect(trimTailSource(source, 3)).toBe('```ts\nline 47\nline 48\nline 49');
    expect(trimTailSource('a\nb', 5)).toBe('a\nb');
    expect(trimTailSource('```\nx\n```\ny\nz', 2)).toBe('y\nz');
  });
});
