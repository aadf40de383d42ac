import {describe, expect, it} from 'vitest';
import type {ChatMessage} from '../../src/api/types.js';
import {compactionMarker, compactionMessages, planCompaction} from '../../src/chat/compaction.js';
import {replaySession} from '../../src/sessions/replay-session.js';
import type {SessionEvent} from '../../src/sessions/session-events.js';
import {summaryMessages} from '../../src/sessions/summary-messages.js';

/** `n` exchanges whose answers are `answerChars` ASCII characters (a quarter as many tokens). */
function exchanges(n: number, answerChars: number): ChatMessage[] {
  return Array.from({length: n}, (_, i): ChatMessage[] => [
    {role: 'user', content: `q${i}`},
    {role: 'assistant', content: String.fromCharCode(97 + (i % 26)).repeat(answerChars)},
  ]).flat();
}

describe('planCompaction: where the conversation is cut', () => {
  it('keeps the newest two exchanges verbatim however long they are, and summarizes the rest', () => {
    const messages = exchanges(5, 4000);
    const plan = planCompaction(messages, 1000);
    expect(plan?.kept).toEqual(messages.slice(6));
    expect(plan?.older).toEqual(messages.slice(0, 6));
  });

  it('keeps more of the newest exchanges while they fit 30% of the window', () => {
    // Each exchange is about 5 + 1 + 5 + 100 = 111 tokens: 30% of 1,000 holds two, of 2,000 five.
    const messages = exchanges(8, 400);
    expect(planCompaction(messages, 1000)?.kept).toHaveLength(4);
    expect(planCompaction(messages, 2000)?.kept).toHaveLength(10);
    expect(planCompaction(messages, 2000)?.older).toEqual(messages.slice(0, 6));
  });

  it('has nothing to compact when everything is kept, or what is older is only an earlier summary', () => {
    expect(planCompaction(exchanges(2, 4000), 1000)).toBeUndefined();
    expect(planCompaction(exchanges(6, 4), 100_000)).toBeUndefined();
    expect(planCompaction([...summaryMessages('before'), ...exchanges(2, 4000)], 1000)).toBeUndefined();
    expect(planCompaction([...summaryMessages('before'), ...exchanges(3, 4000)], 1000)?.older).toHaveLength(4);
  });

  it('asks for the summary after the older turns, with the focus when given', () => {
    const plan = {older: exchanges(1, 4), kept: exchanges(2, 4)};
    const messages = compactionMessages(plan, 'the API names');
    expect(messages.slice(0, 2)).toEqual(plan.older);
    expect(messages[2]?.role).toBe('user');
    expect(messages[2]?.content).toMatch(/^Summarize our conversation so far\./);
    expect(messages[2]?.content).toMatch(/\nFocus especially on: the API names$/);
    expect(compactionMessages(plan, undefined)[2]?.content).not.toContain('Focus');
  });

  it('marks the transcript with the turns and the tokens before and after', () => {
    const plan = {older: exchanges(24, 5000), kept: []};
    expect(compactionMarker(plan, [{role: 'user', content: 'x'.repeat(4780)}])).toBe('earlier 24 turns summarized: 30k → 1.2k tokens');
  });

  it('names an earlier summary among the summarized turns as such, not as a turn', () => {
    const again = {older: [...summaryMessages('s'.repeat(4000)), ...exchanges(4, 1000)], kept: []};
    expect(compactionMarker(again, summaryMessages('short'))).toBe('earlier 4 turns and the previous summary summarized: 2.1k → 43 tokens');
  });
});

describe('replaying a compaction', () => {
  const at = '2026-12-02T00:00:00.000Z';
  const header: SessionEvent = {type: 'session', version: 1, id: 'x', at};
  const turn = (q: string, a: string): SessionEvent[] => [{type: 'user', at, text: q}, {type: 'assistant', at, text: a, finishReason: 'stop', interrupted: false}];

  it('sends the summary in place of the turns it replaced, then the turns after it; counts what it paid', () => {
    const state = replaySession([
      header, ...turn('a', 'A'), ...turn('b', 'B'), ...turn('c', 'C'),
      {type: 'compact', at, summary: 'a was asked', replaced: 2, usage: {promptTokens: 10, completionTokens: 3, totalTokens: 13}, cost: 0.001},
      ...turn('d', 'D'),
    ], 'x');
    expect(state.messages).toEqual([
      ...summaryMessages('a was asked'),
      {role: 'user', content: 'b'}, {role: 'assistant', content: 'B'}, {role: 'user', content: 'c'}, {role: 'assistant', content: 'C'},
      {role: 'user', content: 'd'}, {role: 'assistant', content: 'D'},
    ]);
    expect(state.answers).toBe(4);
    expect(state.used.totalTokens).toBe(13);
  });

  it('a /clear after it starts over without the summary', () => {
    const state = replaySession([header, ...turn('a', 'A'), ...turn('b', 'B'), ...turn('c', 'C'), {type: 'compact', at, summary: 's', replaced: 2}, {type: 'clear', at}], 'x');
    expect(state.messages).toEqual([]);
  });
});
