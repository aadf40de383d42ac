import {describe, expect, it} from 'vitest';
import {printPlainChat} from '../../src/output/plain-chat.js';
import type {TextSink} from '../../src/output/terminal.js';
import {FakeChatController} from '../support/fake-chat-controller.js';

function sink(): TextSink & {text: string} {
  const stream = {text: '', write: (chunk: string) => ((stream.text += chunk), true), once: () => stream};
  return stream;
}

const F = '```';

describe('plain chat with extract', () => {
  it('streams the first block line by line; the prose around it never reaches stdout', () => {
    const chat = new FakeChatController();
    const stdout = sink();
    const stderr = sink();
    printPlainChat(chat, stdout, stderr, {extract: 'first'});
    chat.ask('q');
    chat.token(`Sure:\n${F}sh\nmake`);
    expect(stdout.text).toBe('');
    chat.token(' all\nmake install\n');
    expect(stdout.text).toBe('make all\nmake install\n');
    chat.token(`${F}\nThat builds it.`);
    chat.finish();
    expect(stdout.text).toBe('make all\nmake install\n');
    expect(stderr.text).toBe('');
  });

  it('a failed answer without a block prints nothing of its prose and no warning; a cut block keeps what arrived', () => {
    const chat = new FakeChatController();
    const stdout = sink();
    const stderr = sink();
    printPlainChat(chat, stdout, stderr, {extract: 'first'});
    chat.ask('q1');
    chat.token('Some prose that');
    chat.finish({finishReason: null, failed: true});
    chat.ask('q2');
    chat.token(`${F}\nline one\nline t`);
    chat.finish({interrupted: true});
    expect(stdout.text).toBe('line one\nline t\n');
    expect(stderr.text).toBe('');
  });

  it('--extract-last: the last block once the answer is whole', () => {
    const chat = new FakeChatController();
    const stdout = sink();
    printPlainChat(chat, stdout, sink(), {extract: 'last'});
    chat.ask('q');
    chat.token(`${F}\na\n${F}\n`);
    expect(stdout.text).toBe('');
    chat.token(`~~~\nb\n~~~\n`);
    chat.finish();
    expect(stdout.text).toBe('b\n');
  });
});
