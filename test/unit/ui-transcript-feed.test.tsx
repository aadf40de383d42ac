import {describe, expect, it} from 'vitest';
import type {AssistantEntry, ChatSnapshot, LiveAnswer, TranscriptEntry} from '../../src/chat/chat-types.js';
import {createTranscriptFeed} from '../../src/ui/transcript-feed.js';

const base: ChatSnapshot = {
  header: 'gemma',
  entries: [],
  live: null,
  showThinking: false,
  rawAnswers: false,
  totals: {turns: 0, promptTokens: 0, completionTokens: 0, thinkingTokens: 0, totalTokens: 0, cost: 0},
  exitRequested: false,
};

const live = (text: string, extra: Partial<LiveAnswer> = {}): LiveAnswer => ({phase: 'answering', startedAt: 1, text, reasoning: '', ...extra});
const answer = (id: number, text: string): AssistantEntry => ({kind: 'assistant', id, text, reasoning: '', finishReason: 'stop', interrupted: false, timing: {totalMs: 5}});

describe('transcript feed', () => {
  it('keeps the items array (same identity) while a token does not complete a block', () => {
    const feed = createTranscriptFeed();
    const entries: TranscriptEntry[] = [{kind: 'user', id: 1, text: 'hi'}];
    const first = feed.update({...base, entries, live: live('Hello')});
    const second = feed.update({...base, entries, live: live('Hello, wor')});
    expect(second.items).toBe(first.items);
    expect(second.live?.tail).toBe('Hello, wor');
    const third = feed.update({...base, entries, live: live('Hello, world.\n\nNext')});
    expect(third.items).not.toBe(first.items);
    expect(third.items.slice(0, first.items.length)).toEqual(first.items);
    expect(third.items.at(-1)).toMatchObject({kind: 'block', markdown: 'Hello, world.'});
    expect(third.live?.tail).toBe('Next');
  });

  it('does not read old entries on a token update, however long the conversation', () => {
    const feed = createTranscriptFeed();
    const history: TranscriptEntry[] = Array.from({length: 5000}, (_, i) => ({kind: 'user', id: i, text: `q${i}`}));
    let reads = 0;
    const counted = new Proxy(history, {
      get(target, property, receiver) {
        if (typeof property === 'string' && /^\d+$/.test(property)) reads++;
        return Reflect.get(target, property, receiver);
      },
    });
    feed.update({...base, entries: counted});
    reads = 0;
    let text = '';
    for (let i = 0; i < 200; i++) {
      text += i % 20 === 19 ? 'end.\n\n' : 'word ';
      feed.update({...base, entries: counted, live: live(text)});
    }
    expect(reads).toBe(0);
  });

  it('reads only the new entries when one is appended to a long conversation', () => {
    const feed = createTranscriptFeed();
    const history: TranscriptEntry[] = Array.from({length: 5000}, (_, i) => ({kind: 'user', id: i, text: `q${i}`}));
    feed.update({...base, entries: history});
    const read = new Set<string>();
    const longer = new Proxy([...history, {kind: 'notice', id: 5000, level: 'info', text: 'ok'} as TranscriptEntry], {
      get(target, property, receiver) {
        if (typeof property === 'string' && /^\d+$/.test(property)) read.add(property);
        return Reflect.get(target, property, receiver);
      },
    });
    const view = feed.update({...base, entries: longer});
    expect(view.items.at(-1)).toMatchObject({kind: 'notice', text: 'ok'});
    expect(read.size).toBeLessThanOrEqual(2);
  });

  it('copes with the entries being replaced by a new, shorter list', () => {
    const feed = createTranscriptFeed();
    feed.update({...base, entries: [{kind: 'user', id: 1, text: 'a'}, {kind: 'user', id: 2, text: 'b'}]});
    const view = feed.update({...base, entries: [{kind: 'notice', id: 3, level: 'info', text: 'cleared'}]});
    expect(view.items.map((item) => item.kind)).toEqual(['header', 'user', 'user', 'notice']);
  });

  it('prints only the unflushed end of a streamed answer, even when live clears before the entry lands', () => {
    const feed = createTranscriptFeed();
    const user: TranscriptEntry = {kind: 'user', id: 1, text: 'hi'};
    feed.update({...base, entries: [user], live: live('', {phase: 'thinking', reasoning: 'hmm'})});
    const streaming = feed.update({...base, entries: [user], live: live('One.\n\nTwo', {reasoning: 'hmm'})});
    expect(streaming.items.map((item) => item.kind)).toEqual(['header', 'user', 'thought', 'block']);
    // Between the two updates the tail stays up, so it does not vanish for a frame.
    const cleared = feed.update({...base, entries: [user], live: null});
    expect(cleared.live?.tail).toBe('Two');
    const done = feed.update({...base, entries: [user, answer(2, 'One.\n\nTwo.')]});
    expect(done.live).toBeNull();
    expect(done.items.at(-1)).toMatchObject({kind: 'answer', from: 'One.\n\n'.length, withThought: false});
  });

  it('prints an answer that arrives whole from its start, thought and all', () => {
    const feed = createTranscriptFeed();
    const user: TranscriptEntry = {kind: 'user', id: 1, text: 'hi'};
    feed.update({...base, entries: [user], live: live('', {phase: 'connecting'})});
    const done = feed.update({...base, entries: [user, answer(2, 'A.\n\nB.')]});
    expect(done.items.at(-1)).toMatchObject({kind: 'answer', from: 0, withThought: true});
  });

  it('starts afresh for the next answer and never reuses keys', () => {
    const feed = createTranscriptFeed();
    const u1: TranscriptEntry = {kind: 'user', id: 1, text: 'a'};
    feed.update({...base, entries: [u1], live: live('x.\n\ny')});
    const u2: TranscriptEntry = {kind: 'user', id: 3, text: 'b'};
    const next = feed.update({...base, entries: [u1, answer(2, 'x.\n\ny'), u2], live: live('z.\n\n', {startedAt: 2})});
    const keys = next.items.map((item) => item.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(next.items.map((item) => item.kind)).toEqual(['header', 'user', 'block', 'answer', 'user', 'block']);
    expect(next.items[3]).toMatchObject({from: 'x.\n\n'.length});
  });

  it('returns the same view for the same snapshot', () => {
    const feed = createTranscriptFeed();
    const snapshot = {...base, live: live('a.\n\nb')};
    expect(feed.update(snapshot)).toBe(feed.update(snapshot));
  });
});
