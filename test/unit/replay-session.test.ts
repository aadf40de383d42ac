import {describe, expect, it} from 'vitest';
import {replaySession} from '../../src/sessions/replay-session.js';
import type {SessionEvent} from '../../src/sessions/session-events.js';

const at = '2026-11-26T00:00:00.000Z';
const user = (text: string): SessionEvent => ({type: 'user', at, text});
const answer = (text: string, extra: Partial<Extract<SessionEvent, {type: 'assistant'}>> = {}): SessionEvent =>
  ({type: 'assistant', at, text, finishReason: 'stop', interrupted: false, ...extra});
const header: SessionEvent = {type: 'session', version: 1, id: 'x', at};
const contents = (events: SessionEvent[]) => replaySession([header, ...events], 'x').messages.map((m) => `${m.role[0]}:${m.content}`);

/** The rule every request keeps: user and assistant in turn, ending with an answer (the new question goes after). */
function expectAlternating(messages: ReadonlyArray<{role: string}>): void {
  messages.forEach((message, index) => expect(message.role).toBe(index % 2 === 0 ? 'user' : 'assistant'));
  expect(messages.length % 2).toBe(0);
}

describe('replaying a session into the context', () => {
  it('leaves out a question another question followed (older versions wrote nothing for a failed turn)', () => {
    expect(contents([user('a'), answer('A'), user('failed'), user('b'), answer('B')])).toEqual(['u:a', 'a:A', 'u:b', 'a:B']);
  });

  it('leaves out a trailing question with no answer (a crash or kill -9 while streaming), and offers it to /retry', () => {
    const state = replaySession([header, user('a'), answer('A'), user('cut off')], 'x');
    expect(state.messages.map((m) => m.content)).toEqual(['a', 'A']);
    expect(state.failedPrompt).toEqual({text: 'cut off', reason: 'no answer was recorded'});
  });

  it('leaves out failed turns, partial text included, and empty cancelled ones; counts only answered turns', () => {
    const state = replaySession([
      header,
      user('a'), answer('A'),
      user('b'), answer('half', {finishReason: null, failed: {message: 'connection closed mid-answer'}}),
      user('c'), answer('', {finishReason: null, interrupted: true, reasoning: 'thinking...'}),
      user('d'), answer('partial', {finishReason: null, interrupted: true}),
    ], 'x');
    expect(state.messages.map((m) => m.content)).toEqual(['a', 'A', 'd', 'partial']);
    expect(state.answers).toBe(2);
    expect(state.failedPrompt).toBeUndefined();
    expect(replaySession([header, user('b'), answer('', {failed: {message: 'Nope. (invalidParameter)', code: 'invalidParameter'}})], 'x').failedPrompt)
      .toEqual({text: 'b', reason: 'failed: Nope. (invalidParameter)'});
  });

  it("replays older versions' /retry and /undo after a failed turn as those versions applied them", () => {
    // /retry asked the failed question again; /undo dropped just that question.
    expect(contents([user('a'), answer('A'), user('q'), {type: 'retry', at}, answer('Q')])).toEqual(['u:a', 'a:A', 'u:q', 'a:Q']);
    expect(contents([user('q'), answer('', {interrupted: true, finishReason: null}), {type: 'retry', at}, answer('Q')])).toEqual(['u:q', 'a:Q']);
    expect(contents([user('a'), answer('A'), user('q'), {type: 'undo', at}, user('b'), answer('B')])).toEqual(['u:a', 'a:A', 'u:b', 'a:B']);
    // And a /retry after an answer still regenerates it.
    expect(contents([user('a'), answer('A1'), {type: 'retry', at}, answer('A2')])).toEqual(['u:a', 'a:A2']);
  });

  it('strips complete thought-channel blocks that older versions stored in answers', () => {
    expect(contents([user('a'), answer('<|channel>thought\nplan it<channel|>The answer.'), user('b'), answer('<|channel>thought\n<channel|>')]))
      .toEqual(['u:a', 'a:The answer.']);
  });

  it('keeps "last talked in" apart from bookkeeping events', () => {
    const state = replaySession([
      {type: 'session', version: 1, id: 'x', at: '2026-01-01T00:00:00.000Z'},
      {type: 'user', at: '2026-01-02T00:00:00.000Z', text: 'q'},
      {type: 'assistant', at: '2026-01-02T00:00:01.000Z', text: 'A', finishReason: 'stop', interrupted: false},
      {type: 'rename', at: '2026-01-03T00:00:00.000Z', name: 'later'},
      {type: 'setting', at: '2026-01-04T00:00:00.000Z', name: 'topK', value: 3},
    ], 'x');
    expect(state.lastMessageAt).toBe('2026-01-02T00:00:01.000Z');
    expect(state.lastActivity).toBe('2026-01-04T00:00:00.000Z');
  });

  it('alternates, ending with an answer, whatever order the events come in', () => {
    const kinds: Array<() => SessionEvent> = [
      () => user('u'), () => answer('A'), () => answer(''), () => answer('P', {interrupted: true}), () => answer('F', {failed: {message: 'x'}}),
      () => ({type: 'retry', at}), () => ({type: 'undo', at}), () => ({type: 'clear', at}),
    ];
    const walk = (prefix: SessionEvent[], depth: number): void => {
      expectAlternating(replaySession([header, ...prefix], 'x').messages);
      if (depth === 0) return;
      for (const make of kinds) walk([...prefix, make()], depth - 1);
    };
    walk([], 5);
  });
});
