import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {InferenceEvent, TextInferenceTask} from '../../src/api/types.js';
import {ChatSession} from '../../src/chat/chat-session.js';
import {ApiError, InterruptedError} from '../../src/errors.js';
import {readSession} from '../../src/sessions/read-session.js';
import {recordAnswer} from '../../src/sessions/record-answer.js';
import {replaySession} from '../../src/sessions/replay-session.js';
import type {SessionEvent} from '../../src/sessions/session-events.js';
import {SessionWriter} from '../../src/sessions/session-writer.js';

type Ending = (signal: AbortSignal) => AsyncGenerator<InferenceEvent>;

const temp = () => mkdtempSync(join(tmpdir(), 'gemma-record-'));
const waitForAbort = (signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

/** The events `chat` records for one turn that ends as `ending` does, and the task it sent. */
async function chatRecords(ending: Ending, cancel: boolean): Promise<{events: SessionEvent[]; task: TextInferenceTask}> {
  let sent: TextInferenceTask | undefined;
  const session = new ChatSession({
    layers: {env: {}, stored: {}, defaults: {}},
    flags: new Map(),
    infer: (task, conn) => {
      sent = structuredClone(task);
      return ending(conn.signal!);
    },
    connect: (_settings, signal) => ({baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', timeoutMs: 1000, signal}),
  });
  const writer = new SessionWriter(temp(), 'chat');
  session.attachRecorder(writer);
  session.submit('question');
  if (cancel) {
    while (!sent) await new Promise((resolve) => setTimeout(resolve, 1));
    session.cancel();
  }
  await session.idle();
  session.closeRecorder();
  return {events: readSession(writer.path).events, task: sent!};
}

/** The events `ask -c` records for the same task ending the same way. */
async function askRecords(ending: Ending, task: TextInferenceTask, cancel: boolean): Promise<SessionEvent[]> {
  const writer = new SessionWriter(temp(), 'ask');
  const controller = new AbortController();
  writer.append({type: 'user', text: 'question'});
  const events = recordAnswer(ending(controller.signal), task, writer, controller.signal, 'k');
  if (cancel) setTimeout(() => controller.abort(new InterruptedError()), 5);
  await expect((async () => {
    for await (const _event of events);
  })()).rejects.toThrow();
  writer.close();
  return readSession(writer.path).events;
}

const withoutTimes = (events: SessionEvent[]) => events.filter((e) => e.type !== 'session').map(({at: _at, ...rest}) => rest);

describe('chat and ask -c record a turn the same way', () => {
  it('a cancelled empty answer: the same event from both, and not context on replay', async () => {
    const ending: Ending = async function* (signal) {
      yield {type: 'reasoning', text: 'Let me think', index: 0};
      await waitForAbort(signal);
    };
    const chat = await chatRecords(ending, true);
    const ask = await askRecords(ending, chat.task, true);
    expect(withoutTimes(chat.events)).toEqual(withoutTimes(ask));
    expect(withoutTimes(ask)[1]).toMatchObject({type: 'assistant', text: '', reasoning: 'Let me think', interrupted: true, finishReason: null, taskUUID: chat.task.taskUUID});
    for (const events of [chat.events, ask]) {
      expect(replaySession(events, 'x').messages).toEqual([]);
      expect(replaySession(events, 'x').answers).toBe(0);
    }
  });

  it('a cancel before anything arrived is recorded too (ask -c used to record nothing)', async () => {
    const ending: Ending = async function* (signal) {
      await waitForAbort(signal);
      yield* [];
    };
    const chat = await chatRecords(ending, true);
    const ask = await askRecords(ending, chat.task, true);
    expect(withoutTimes(chat.events)).toEqual(withoutTimes(ask));
    expect(ask.map((e) => e.type)).toEqual(['session', 'user', 'assistant']);
  });

  it('a failure: the same failure record from both, with the message and the code', async () => {
    const ending: Ending = async function* () {
      yield {type: 'text', text: 'half ', index: 0};
      throw new ApiError('The provider gave up. (providerError)', {status: 200, code: 'providerError'});
    };
    const chat = await chatRecords(ending, false);
    const ask = await askRecords(ending, chat.task, false);
    expect(withoutTimes(chat.events)).toEqual(withoutTimes(ask));
    expect(withoutTimes(ask)[1]).toMatchObject({text: 'half ', interrupted: false, failed: {message: 'The provider gave up. (providerError)', code: 'providerError'}});
    expect(replaySession(ask, 'x').messages).toEqual([]);
  });
});
