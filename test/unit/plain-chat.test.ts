import {describe, expect, it} from 'vitest';
import {printPlainChat} from '../../src/output/plain-chat.js';
import type {TextSink} from '../../src/output/terminal.js';
import {FakeChatController} from '../support/fake-chat-controller.js';

/** A stream that keeps what was written to it (never full). */
function sink(): TextSink & {text: string} {
  const stream = {text: '', write: (chunk: string) => ((stream.text += chunk), true), once: () => stream};
  return stream;
}

describe('plain chat on any ChatController', () => {
  it('streams the answer to stdout once, reasoning to stderr only when shown, and notices to stderr', () => {
    const chat = new FakeChatController();
    const stdout = sink();
    const stderr = sink();
    const stop = printPlainChat(chat, stdout, stderr);
    chat.ask('hi');
    chat.think('hidden thoughts');
    chat.token('Hello');
    chat.token(' there.');
    chat.finish();
    chat.set({showThinking: true});
    chat.ask('again');
    chat.think('shown thoughts');
    chat.token('Yes.');
    chat.finish();
    chat.append({kind: 'notice', level: 'warning', text: 'disk is slow'});
    expect(stop()).toBe(false);
    expect(stdout.text).toBe('Hello there.\n\nYes.\n');
    expect(stderr.text).toBe('shown thoughts\ngemma: warning: disk is slow\n');
  });

  it('says whether an error was reported, and stops listening when stopped', () => {
    const chat = new FakeChatController();
    const stdout = sink();
    const stderr = sink();
    const stop = printPlainChat(chat, stdout, stderr);
    chat.append({kind: 'notice', level: 'error', text: 'Nope. (invalidParameter)', turnFailed: true});
    expect(stop()).toBe(true);
    chat.ask('after');
    chat.token('unseen');
    chat.finish();
    expect(stdout.text).toBe('');
    expect(stderr.text).toBe('gemma: Nope. (invalidParameter)\n');
  });

  it('--json: nothing streams; each answer is one line, a failed one with its partial text and error', () => {
    const chat = new FakeChatController();
    chat.set({showThinking: true});
    const stdout = sink();
    const stderr = sink();
    const stop = printPlainChat(chat, stdout, stderr, {json: {model: () => 'google:gemma@4-31b'}});
    chat.ask('hi');
    chat.think('thoughts');
    chat.token('Hello.');
    chat.finish({taskUUID: 'task-1', usage: {promptTokens: 1, completionTokens: 2, totalTokens: 3}, cost: 0.5});
    chat.ask('again');
    chat.token('Half');
    chat.finish({taskUUID: 'task-2', finishReason: null, failed: true});
    chat.append({kind: 'notice', level: 'error', text: 'stream cut', turnFailed: true});
    expect(stop()).toBe(true);
    expect(stdout.text.split('\n').map((line) => (line ? JSON.parse(line) as unknown : line))).toEqual([
      {taskUUID: 'task-1', model: 'google:gemma@4-31b', text: 'Hello.', reasoning: 'thoughts', finishReason: 'stop', usage: {promptTokens: 1, completionTokens: 2, totalTokens: 3}, cost: 0.5},
      {taskUUID: 'task-2', model: 'google:gemma@4-31b', text: 'Half', reasoning: null, finishReason: null, usage: null, cost: null, error: {message: 'stream cut', exitCode: 1}},
      '',
    ]);
    expect(stderr.text).toBe('gemma: stream cut\n');
  });
});
