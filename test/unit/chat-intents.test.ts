import {existsSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {InferenceEvent, TextInferenceTask} from '../../src/api/types.js';
import {ChatSession} from '../../src/chat/chat-session.js';
import type {NoticeEntry} from '../../src/chat/chat-types.js';
import {ApiError, UsageError} from '../../src/errors.js';
import {readSession} from '../../src/sessions/read-session.js';
import {loadSession} from '../../src/sessions/session-index.js';
import {SessionWriter} from '../../src/sessions/session-writer.js';
import type {SettingValue} from '../../src/settings/setting-types.js';

/** A chat at the seam: each task it sends is kept; questions starting "fail" get an API error. */
function chatOn(options: {flags?: Record<string, SettingValue>; dataDir?: string} = {}) {
  const tasks: TextInferenceTask[] = [];
  const chat = new ChatSession({
    layers: {env: {}, stored: {}, defaults: {}},
    flags: new Map(Object.entries(options.flags ?? {})),
    infer: async function* (task): AsyncGenerator<InferenceEvent> {
      tasks.push(structuredClone(task));
      const question = String(task.messages.at(-1)?.content);
      if (question.startsWith('fail')) throw new ApiError('Nope. (invalidParameter)', {status: 400, code: 'invalidParameter'});
      yield {type: 'text', text: `re: ${question}`, index: 0};
      yield {type: 'done', results: [{taskUUID: task.taskUUID, index: 0, text: '', reasoning: '', finishReason: 'stop'}]};
    },
    connect: (_settings, signal) => ({baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', timeoutMs: 1000, signal}),
    ...(options.dataDir ? {storage: {dataDir: options.dataDir, save: true}} : {}),
  });
  const notices = () => chat.getSnapshot().entries.filter((e): e is NoticeEntry => e.kind === 'notice').map((e) => e.text);
  return {chat, tasks, notices};
}

/** The events of a session file, without their timestamps. */
const recorded = (writer: SessionWriter) => readSession(writer.path).events.map(({at: _at, ...event}) => event);

describe('chat intent methods', () => {
  it('setSetting: the next request, the header, shown thinking and the session file follow it', async () => {
    const {chat, tasks} = chatOn();
    const writer = new SessionWriter(mkdtempSync(join(tmpdir(), 'gemma-intent-')), 'set');
    chat.attachRecorder(writer);
    chat.setSetting('temperature', 0.3);
    chat.setSetting('showThinking', true);
    await chat.send('hi');
    expect(tasks[0]?.settings).toEqual({temperature: 0.3});
    expect(chat.getSnapshot().header).toBe('gemma · google:gemma@4-31b · temperature 0.3');
    expect(chat.getSnapshot().showThinking).toBe(true);
    chat.closeRecorder();
    expect(recorded(writer).slice(1, 3)).toEqual([
      {type: 'setting', name: 'temperature', value: 0.3},
      {type: 'setting', name: 'showThinking', value: true},
    ]);
  });

  it('unsetSetting: a flag the chat started with is dropped too, and the drop is recorded', async () => {
    const {chat, tasks} = chatOn({flags: {temperature: 0.9, showThinking: true}});
    const writer = new SessionWriter(mkdtempSync(join(tmpdir(), 'gemma-intent-')), 'unset');
    chat.attachRecorder(writer);
    chat.setSetting('temperature', 0.3);
    chat.unsetSetting('temperature');
    chat.unsetSetting('showThinking');
    await chat.send('hi');
    expect(tasks[0]?.settings?.temperature).toBeUndefined();
    expect(chat.getSnapshot().header).toBe('gemma · google:gemma@4-31b');
    expect(chat.getSnapshot().showThinking).toBe(false);
    expect(chat.settings().get('temperature')).toBeUndefined();
    chat.closeRecorder();
    expect(recorded(writer).slice(2, 4)).toEqual([
      {type: 'setting', name: 'temperature', value: null},
      {type: 'setting', name: 'showThinking', value: null},
    ]);
  });

  it('clear: the next request starts afresh, /retry has nothing left to ask, and the file says so', async () => {
    const {chat, tasks} = chatOn();
    const writer = new SessionWriter(mkdtempSync(join(tmpdir(), 'gemma-intent-')), 'clear');
    chat.attachRecorder(writer);
    await chat.send('one');
    await chat.send('fail two');
    chat.clear();
    await expect(chat.retry()).rejects.toThrow(new UsageError('/retry: there is no question to answer again'));
    await chat.send('three');
    expect(tasks.at(-1)?.messages).toEqual([{role: 'user', content: 'three'}]);
    expect(chat.messages()).toEqual([{role: 'user', content: 'three'}, {role: 'assistant', content: 're: three'}]);
    chat.closeRecorder();
    expect(recorded(writer).map((event) => event.type)).toEqual(['session', 'user', 'assistant', 'user', 'assistant', 'clear', 'user', 'assistant']);
  });

  it('undo: drops the last exchange from what is sent, forgets a failed question, and is recorded only when it did something', async () => {
    const {chat, tasks} = chatOn();
    const writer = new SessionWriter(mkdtempSync(join(tmpdir(), 'gemma-intent-')), 'undo');
    chat.attachRecorder(writer);
    expect(chat.undo()).toBe(false);
    await chat.send('one');
    await chat.send('two');
    await chat.send('fail three');
    expect(chat.undo()).toBe(true);
    expect(chat.lastAnswer()).toBe('re: one');
    // The failed question is forgotten: /retry regenerates the answer that is left instead.
    await chat.retry();
    expect(tasks.at(-1)?.messages).toEqual([{role: 'user', content: 'one'}]);
    chat.closeRecorder();
    expect(recorded(writer).map((event) => event.type)).toEqual(['session', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'undo', 'retry', 'assistant']);
  });

  it('resume: sends the stored conversation next, its /set values come back under the flags given now, and appends to its file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gemma-intent-'));
    const first = chatOn({dataDir});
    first.chat.attachRecorder(new SessionWriter(dataDir, 'earlier'));
    first.chat.setSetting('temperature', 0.3);
    first.chat.setSetting('topK', 7);
    first.chat.setSetting('showThinking', true);
    await first.chat.send('one');
    first.chat.closeRecorder();

    const {chat, tasks, notices} = chatOn({dataDir, flags: {temperature: 0.9}});
    expect(chat.savedAs()).toBeUndefined();
    chat.resume(loadSession(dataDir, 'earlier'));
    expect(notices()).toEqual(['resumed session earlier: 2 messages will be sent as context']);
    expect(chat.getSnapshot().header).toBe('gemma · google:gemma@4-31b · temperature 0.9 · topK 7');
    expect(chat.getSnapshot().showThinking).toBe(true);
    await chat.send('two');
    expect(tasks[0]?.messages).toEqual([
      {role: 'user', content: 'one'}, {role: 'assistant', content: 're: one'}, {role: 'user', content: 'two'},
    ]);
    expect(tasks[0]?.settings).toEqual({temperature: 0.9, topK: 7});
    expect(chat.savedAs()).toBe('earlier');
    chat.closeRecorder();
    expect(loadSession(dataDir, 'earlier').messages.map((message) => message.content)).toEqual(['one', 're: one', 'two', 're: two']);
  });

  it('resume of the session this chat records: it stays locked (by the new writer), and nothing is lost', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gemma-intent-'));
    const {chat, tasks} = chatOn({dataDir});
    chat.attachRecorder(new SessionWriter(dataDir, 'mine'));
    await chat.send('one');
    chat.resume(loadSession(dataDir, 'mine'));
    // Were the old writer closed only after the new one took the lock, its release would remove it.
    expect(existsSync(join(dataDir, 'sessions', 'mine.jsonl.lock'))).toBe(true);
    await chat.send('two');
    expect(tasks[1]?.messages.map((message) => message.content)).toEqual(['one', 're: one', 'two']);
    chat.closeRecorder();
    expect(loadSession(dataDir, 'mine').messages.map((message) => message.content)).toEqual(['one', 're: one', 'two', 're: two']);
  });

  it('requestExit: the snapshot says the user asked to leave', () => {
    const {chat} = chatOn();
    expect(chat.getSnapshot().exitRequested).toBe(false);
    chat.requestExit();
    expect(chat.getSnapshot().exitRequested).toBe(true);
  });
});
