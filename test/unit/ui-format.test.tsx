import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {addTurn, NO_TOTALS, usageReport} from '../../src/chat/chat-totals.js';
import type {AssistantEntry, ChatTotals} from '../../src/chat/chat-types.js';
import {FinishedAnswer} from '../../src/ui/finished-answer.js';
import {answerFooterNote, formatAnswerFooter} from '../../src/ui/format-answer-footer.js';
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

const totals = (extra: Partial<ChatTotals> = {}): ChatTotals => ({...NO_TOTALS, ...extra});

describe('answer footer', () => {
  it('lists the turn, then the session', () => {
    const footer = formatAnswerFooter(
      entry({usage: {promptTokens: 12, completionTokens: 340}, cost: 0.0012, timing: {totalMs: 7000, firstTokenMs: 400}, tokensPerSecond: 51.6}),
      totals({turns: 3, promptTokens: 1000, completionTokens: 204, totalTokens: 1204, cost: 0.004}),
    );
    expect(footer).toBe('12 in · 340 out · $0.0012 · first token 0.4 s · 52 tok/s │ session: 3 turns · 1,204 tokens · $0.0040');
  });

  it('leaves out what is unknown', () => {
    expect(formatAnswerFooter(entry(), totals({turns: 1}))).toBe('session: 1 turn');
    expect(formatAnswerFooter(entry({result: {index: 1, of: 2}}), totals({turns: 1}))).toBe('result 2 of 2 │ session: 1 turn');
  });

  it('with -n, the session totals come once, under the last result', () => {
    expect(formatAnswerFooter(entry({result: {index: 0, of: 2}}), totals({turns: 1}))).toBe('result 1 of 2');
    expect(formatAnswerFooter(entry({result: {index: 1, of: 2}}), totals({turns: 1}))).toBe('result 2 of 2 │ session: 1 turn');
  });

  it('counts thinking tokens in the session total and shows them apart', () => {
    const used = addTurn(NO_TOTALS, [entry({usage: {promptTokens: 2, completionTokens: 73, thinkingTokens: 12}})], true);
    expect(used).toMatchObject({turns: 1, totalTokens: 87, thinkingTokens: 12});
    expect(formatAnswerFooter(entry({usage: {promptTokens: 2, completionTokens: 73, thinkingTokens: 12}}), used)).toBe(
      '2 in · 73 out · 12 thinking │ session: 1 turn · 87 tokens (12 thinking)',
    );
    // The server's total, when it gives one, is the one added up.
    expect(addTurn(used, [entry({usage: {promptTokens: 1, completionTokens: 1, totalTokens: 10}})], true).totalTokens).toBe(97);
  });

  it('/usage says the footer\'s session numbers in the same words, then how the tokens divide', () => {
    const used = totals({turns: 2, promptTokens: 1000, completionTokens: 204, thinkingTokens: 96, totalTokens: 1300, cost: 0.004});
    expect(usageReport(used)).toBe('session: 2 turns · 1,300 tokens (96 thinking) · $0.0040\ntokens: 1,000 in · 204 out · 96 thinking');
    expect(formatAnswerFooter(entry(), used)).toBe(usageReport(used).split('\n')[0]);
  });

  it('wraps at its separators at narrow widths, never inside a number', () => {
    const footer = formatAnswerFooter(
      entry({usage: {promptTokens: 1234, completionTokens: 56789, thinkingTokens: 4321}, cost: 0.0123, timing: {totalMs: 7000, firstTokenMs: 400}, tokensPerSecond: 51.6}),
      totals({turns: 12, totalTokens: 1234567, thinkingTokens: 4321, cost: 0.5}),
      40,
    );
    expect(footer.split('\n')).toEqual([
      '1,234 in · 56,789 out · 4,321 thinking',
      '$0.0123 · first token 0.4 s · 52 tok/s',
      'session: 12 turns',
      '1,234,567 tokens (4,321 thinking)',
      '$0.5000',
    ]);
  });

  it('leads with the reason an answer stopped early, not for a cancelled or failed one', () => {
    expect(answerFooterNote(entry({finishReason: 'length'}))).toBe(
      'the answer was cut at the token limit (finishReason: length); /set maxTokens <n> for more',
    );
    expect(answerFooterNote(entry({finishReason: 'stop'}))).toBeUndefined();
    expect(answerFooterNote(entry({finishReason: null, interrupted: true}))).toBeUndefined();
    expect(answerFooterNote(entry({finishReason: null, failed: true}))).toBeUndefined();
  });
});

describe('a finished answer\'s footer on screen', () => {
  const level = chalk.level;
  afterEach(() => {
    chalk.level = level;
  });
  const cut = entry({text: 'Half an ans', finishReason: 'length', usage: {promptTokens: 2, completionTokens: 50, thinkingTokens: 12}, cost: 0.0000192});
  const frame = (color: boolean, width: number) =>
    render(<FinishedAnswer item={{kind: 'answer', key: 'a', entry: cut, from: 0, withThought: false, showThinking: false, raw: false, totals: addTurn(NO_TOTALS, [cut], true)}} width={width} color={color} />).lastFrame() ?? '';

  it('says in yellow, above the numbers, that the answer was cut by the token limit', () => {
    chalk.level = 1;
    const out = frame(true, 120);
    expect(out).toContain('\u001b[33mthe answer was cut at the token limit (finishReason: length); /set maxTokens <n> for more');
    expect(out).toContain('\u001b[2m2 in · 50 out · 12 thinking · $0.000019 │ session: 1 turn · 64 tokens (12 thinking) · $0.000019');
  });

  it('without colour, at 40 columns: the note in words, the numbers wrapped between parts', () => {
    expect(frame(false, 40).split('\n').slice(3)).toEqual([
      'the answer was cut at the token limit',
      '(finishReason: length); /set maxTokens',
      '<n> for more',
      '2 in · 50 out · 12 thinking · $0.000019',
      'session: 1 turn',
      '64 tokens (12 thinking) · $0.000019',
    ]);
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
