import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {ApiError} from '../../src/errors.js';
import {readSession} from '../../src/sessions/read-session.js';
import {replaySession} from '../../src/sessions/replay-session.js';
import {SessionWriter} from '../../src/sessions/session-writer.js';
import {echo, fakeSession} from '../support/fake-chat-session.js';

describe('chat session', () => {
  it('sends the whole conversation each turn and asks for usage and cost', async () => {
    const chat = fakeSession(echo);
    await chat.run('first');
    await chat.run('second');
    expect(chat.tasks[1]?.messages).toEqual([
      {role: 'user', content: 'first'},
      {role: 'assistant', content: 'echo: first'},
      {role: 'user', content: 'second'},
    ]);
    expect(chat.tasks[0]).toMatchObject({includeUsage: true, includeCost: true, deliveryMethod: 'stream'});
    expect(chat.answers().map((a) => a.text)).toEqual(['echo: first', 'echo: second']);
    expect(chat.session.getSnapshot().totals).toEqual({turns: 2, promptTokens: 6, completionTokens: 4, thinkingTokens: 0, totalTokens: 10, cost: 0.002});
  });

  it('applies /set to the next request, and a bad value changes nothing', async () => {
    const chat = fakeSession(echo, {temperature: 0.5});
    await chat.run('/set temperature 3');
    expect(chat.notices().at(-1)).toMatchObject({level: 'error', text: 'temperature (--temperature): "3" is out of range; allowed: a number from 0 to 2 in steps of 0.01'});
    await chat.run('/set max-tokens 20');
    await chat.run('/set stop "###" END');
    await chat.run('hi');
    expect(chat.tasks[0]?.settings).toEqual({temperature: 0.5, maxTokens: 20, stopSequences: ['###', 'END']});
    expect(chat.session.getSnapshot().header).toBe('gemma · google:gemma@4-31b · temperature 0.5 · maxTokens 20 · stopSequences "###","END"');
    await chat.run('/unset temperature');
    await chat.run('/system be terse');
    await chat.run('again');
    expect(chat.tasks[1]?.settings).toEqual({maxTokens: 20, stopSequences: ['###', 'END'], systemPrompt: 'be terse'});
  });

  it('keeps a cancelled partial answer, marked, and sends it as context next turn', async () => {
    const chat = fakeSession(async function* (task, signal) {
      if (task.messages.length > 1) return yield* echo(task, signal);
      yield {type: 'text', text: 'partial ', index: 0};
      await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    });
    chat.session.submit('long one');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(chat.session.getSnapshot().live?.text).toBe('partial ');
    expect(chat.session.cancel()).toBe(true);
    await chat.session.idle();
    expect(chat.answers()[0]).toMatchObject({text: 'partial ', interrupted: true});
    expect(chat.session.getSnapshot().live).toBeNull();
    await chat.run('go on');
    expect(chat.tasks[1]?.messages).toEqual([
      {role: 'user', content: 'long one'},
      {role: 'assistant', content: 'partial '},
      {role: 'user', content: 'go on'},
    ]);
  });

  it('shows an error inline, keeps partial text, and goes on', async () => {
    let calls = 0;
    const chat = fakeSession(async function* (task, signal) {
      if (calls++ > 0) return yield* echo(task, signal);
      yield {type: 'text', text: 'half', index: 0};
      throw new ApiError('Inference failed (internalServerError)', {status: 200, code: 'internalServerError'});
    });
    await chat.run('q');
    expect(chat.answers()[0]).toMatchObject({text: 'half', interrupted: false, finishReason: null});
    expect(chat.notices().at(-1)).toMatchObject({level: 'error', text: 'Inference failed (internalServerError)'});
    await chat.run('q2');
    expect(chat.answers()[1]?.text).toBe('echo: q2');
    // The failed turn, partial text and all, is not context: the roles still alternate.
    expect(chat.tasks[1]?.messages).toEqual([{role: 'user', content: 'q2'}]);
  });

  it('drops the last exchange with /undo, regenerates with /retry, and forgets with /clear', async () => {
    const chat = fakeSession(echo);
    await chat.run('one');
    await chat.run('two');
    await chat.run('/undo');
    await chat.run('/retry');
    expect(chat.tasks.at(-1)?.messages).toEqual([{role: 'user', content: 'one'}]);
    await chat.run('/clear');
    await chat.run('three');
    expect(chat.tasks.at(-1)?.messages).toEqual([{role: 'user', content: 'three'}]);
    expect(chat.entries().filter((e) => e.kind === 'user')).toHaveLength(3);
  });

  it('saves the conversation as markdown or JSON', async () => {
    const chat = fakeSession(echo);
    await chat.run('hello');
    const dir = mkdtempSync(join(tmpdir(), 'gemma-save-'));
    await chat.run(`/save ${join(dir, 'talk.md')}`);
    expect(readFileSync(join(dir, 'talk.md'), 'utf8')).toBe('## You\n\nhello\n\n## Gemma\n\necho: hello\n');
    await chat.run(`/save "${join(dir, 'talk.json')}"`);
    expect(JSON.parse(readFileSync(join(dir, 'talk.json'), 'utf8'))).toEqual({
      model: 'google:gemma@4-31b',
      messages: [{role: 'user', content: 'hello'}, {role: 'assistant', content: 'echo: hello'}],
    });
    await chat.run(`/save ${join(dir, 'talk.txt')}`);
    expect(chat.notices().at(-1)?.text).toContain('must end in .md or .json');
  });

  it('lists settings with their sources, toggles thinking, and refuses unknown commands', async () => {
    const chat = fakeSession(echo, {topK: 5});
    await chat.run('/settings');
    expect(chat.notices().at(-1)?.text).toMatch(/^topK\s+5\s+flag$/m);
    expect(chat.notices().at(-1)?.text).toMatch(/^includeUsage\s+true\s+default$/m);
    await chat.run('/thinking');
    expect(chat.session.getSnapshot().showThinking).toBe(true);
    await chat.run('/frobnicate');
    expect(chat.notices().at(-1)).toMatchObject({level: 'error', text: 'unknown command /frobnicate (/help lists them); to send it as a message, start it with //'});
    await chat.run('/exit');
    expect(chat.session.getSnapshot().exitRequested).toBe(true);
    expect(chat.session.completions()).toContain('/set temperature');
  });

  it('leaves a turn that failed before any text out of the context, and counts only answered turns', async () => {
    const chat = fakeSession(async function* (task, signal) {
      if (task.messages.at(-1)?.content === 'bad') throw new ApiError('Nope. (invalidParameter)', {status: 400, code: 'invalidParameter'});
      yield* echo(task, signal);
    });
    await chat.run('one');
    await chat.run('bad');
    await chat.run('two');
    expect(chat.tasks.map((task) => task.messages)).toEqual([
      [{role: 'user', content: 'one'}],
      [{role: 'user', content: 'one'}, {role: 'assistant', content: 'echo: one'}, {role: 'user', content: 'bad'}],
      [{role: 'user', content: 'one'}, {role: 'assistant', content: 'echo: one'}, {role: 'user', content: 'two'}],
    ]);
    expect(chat.notices().filter((notice) => notice.turnFailed)).toEqual([
      expect.objectContaining({level: 'error', text: 'Nope. (invalidParameter)'}),
    ]);
    expect(chat.session.getSnapshot().totals.turns).toBe(2);
    await chat.run('/usage');
    expect(chat.notices().at(-1)?.text).toMatch(/^session: 2 turns · /);
  });

  it('leaves a turn cancelled while thinking (reasoning, no text) out of the context', async () => {
    const chat = fakeSession(async function* (task, signal) {
      if (task.messages.at(-1)?.content !== 'think hard') return yield* echo(task, signal);
      yield {type: 'reasoning', text: 'Let me think', index: 0};
      await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    });
    await chat.run('first');
    chat.session.submit('think hard');
    await vi.waitFor(() => expect(chat.session.getSnapshot().live?.phase).toBe('thinking'));
    expect(chat.session.cancel()).toBe(true);
    await chat.session.idle();
    expect(chat.notices().at(-1)).toMatchObject({level: 'info', text: 'cancelled before any answer', turnFailed: true});
    expect(chat.session.getSnapshot().totals.turns).toBe(1);
    await chat.run('next');
    expect(chat.tasks[2]?.messages).toEqual([
      {role: 'user', content: 'first'},
      {role: 'assistant', content: 'echo: first'},
      {role: 'user', content: 'next'},
    ]);
  });

  it('asks the failed question again with /retry, as a new turn', async () => {
    let calls = 0;
    const chat = fakeSession(async function* (task, signal) {
      if (calls++ === 1) throw new ApiError('Busy. (serviceUnavailable)', {status: 503, code: 'serviceUnavailable'});
      yield* echo(task, signal);
    });
    const writer = new SessionWriter(mkdtempSync(join(tmpdir(), 'gemma-retry-')), 'retry-test');
    chat.session.attachRecorder(writer);
    await chat.run('one');
    await chat.run('two');
    await chat.run('/retry');
    expect(chat.tasks[2]?.messages).toEqual(chat.tasks[1]?.messages);
    expect(chat.tasks[2]?.messages.at(-1)).toEqual({role: 'user', content: 'two'});
    expect(chat.entries().filter((e) => e.kind === 'user').map((e) => e.kind === 'user' && e.text)).toEqual(['one', 'two', 'two']);
    // Once answered, /retry regenerates that answer again, as before.
    await chat.run('/retry');
    expect(chat.tasks[3]?.messages).toEqual(chat.tasks[1]?.messages);
    chat.session.closeRecorder();
    const events = readSession(writer.path).events;
    expect(events.map((e) => (e.type === 'assistant' ? `assistant${e.failed ? ' failed' : ''}` : e.type))).toEqual([
      'session', 'user', 'assistant', 'user', 'assistant failed', 'user', 'assistant', 'retry', 'assistant',
    ]);
    expect(replaySession(events, 'retry-test').messages.map((m) => m.content)).toEqual(['one', 'echo: one', 'two', 'echo: two']);
  });

  it('never sends reasoning back, nor a thought-channel block written into the text', async () => {
    const chat = fakeSession(async function* (task) {
      yield {type: 'reasoning', text: 'secret thoughts', index: 0};
      yield {type: 'text', text: '<|channel>thought\nhidden plan<channel|>', index: 0};
      yield {type: 'text', text: 'Visible.', index: 0};
      yield {type: 'done', results: [{taskUUID: task.taskUUID, index: 0, text: '', reasoning: '', finishReason: 'stop'}]};
    });
    await chat.run('a');
    await chat.run('b');
    expect(chat.tasks[1]?.messages).toEqual([
      {role: 'user', content: 'a'}, {role: 'assistant', content: 'Visible.'}, {role: 'user', content: 'b'},
    ]);
  });
});
