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
    expect(stdout.text).toBe('Hello there.\nYes.\n');
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
});
