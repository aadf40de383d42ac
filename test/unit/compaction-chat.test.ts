import {describe, expect, it} from 'vitest';
import type {InferenceEvent, TextInferenceTask} from '../../src/api/types.js';
import {fakeSession} from '../support/fake-chat-session.js';

const LONG = 'x'.repeat(4000);
const isCompaction = (task: TextInferenceTask): boolean => task.messages.at(-1)?.content.startsWith('Summarize our conversation so far.') ?? false;

/** Long answers (1,000 tokens by the estimate); a compaction request waits until it is cancelled. */
async function* longAnswers(task: TextInferenceTask, signal: AbortSignal): AsyncGenerator<InferenceEvent> {
  if (isCompaction(task)) {
    await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    return;
  }
  yield {type: 'text', text: LONG, index: 0};
  yield {type: 'done', results: [{taskUUID: task.taskUUID, index: 0, text: LONG, reasoning: '', finishReason: 'stop'}]};
}

describe('an automatic compaction cancelled with Ctrl-C', () => {
  it('cancels the turn too: the question is not sent, the conversation is unchanged, /retry asks it again', async () => {
    const chat = fakeSession(longAnswers, {contextWindow: 4096});
    for (const question of ['q1', 'q2', 'q3', 'q4']) await chat.run(question);
    // Before q5: four answers of about 1,000 tokens are past 80% of 4,096; the older two exchanges are to be summarized.
    chat.session.submit('q5');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(chat.session.getSnapshot().live?.phase).toBe('compacting');
    expect(chat.session.cancel()).toBe(true);
    await chat.session.idle();
    expect(chat.tasks).toHaveLength(5);
    expect(isCompaction(chat.tasks[4] as TextInferenceTask)).toBe(true);
    expect(chat.notices().slice(-2).map((notice) => notice.text)).toEqual(['compaction cancelled; the conversation is unchanged', 'cancelled before any answer']);
    expect(chat.session.getSnapshot().live).toBeNull();
    await chat.run('/set autoCompact false');
    await chat.run('/retry');
    expect(chat.tasks.at(-1)?.messages.map((message) => message.content)).toEqual(['q1', LONG, 'q2', LONG, 'q3', LONG, 'q4', LONG, 'q5']);
  });
});
