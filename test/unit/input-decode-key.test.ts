import {describe, expect, it} from 'vitest';
import {decodeKey, type KeyPress} from '../../src/ui/input/decode-key.js';
import {createPasteSplitter} from '../../src/ui/input/paste-splitter.js';

const key = (name: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  text: '',
  name,
  ctrl: false,
  meta: false,
  shift: false,
  ...modifiers,
});
const text = (value: string): KeyPress => ({...key(''), text: value});

describe('decodeKey', () => {
  it('tells Enter, Ctrl+J, Alt+Enter and the Shift+Enter encodings apart', () => {
    expect(decodeKey('\r')).toEqual([key('return')]);
    expect(decodeKey('\n')).toEqual([key('linefeed')]);
    expect(decodeKey('\x1b\r')).toEqual([key('return', {meta: true})]);
    expect(decodeKey('\x1b[13;2u')).toEqual([key('return', {shift: true})]);
    expect(decodeKey('\x1b[27;2;13~')).toEqual([key('return', {shift: true})]);
  });

  it('tells Backspace from Delete', () => {
    expect(decodeKey('\x7f')).toEqual([key('backspace')]);
    expect(decodeKey('\b')).toEqual([key('backspace')]);
    expect(decodeKey('\x1b[3~')).toEqual([key('delete')]);
    expect(decodeKey('\x1b\x7f')).toEqual([key('backspace', {meta: true})]);
  });

  it('decodes Ctrl and Alt chords', () => {
    expect(decodeKey('\x03')).toEqual([key('c', {ctrl: true})]);
    expect(decodeKey('\x17')).toEqual([key('w', {ctrl: true})]);
    expect(decodeKey('\x1bb')).toEqual([key('b', {meta: true})]);
    expect(decodeKey('\x1bB')).toEqual([key('b', {meta: true, shift: true})]);
    expect(decodeKey('\x1b[99;5u')).toEqual([key('c', {ctrl: true})]);
  });

  it('decodes cursor keys in their several encodings', () => {
    expect(decodeKey('\x1b[A')).toEqual([key('up')]);
    expect(decodeKey('\x1bOB')).toEqual([key('down')]);
    expect(decodeKey('\x1b[1;5D')).toEqual([key('left', {ctrl: true})]);
    expect(decodeKey('\x1b[1;3C')).toEqual([key('right', {meta: true})]);
    expect(decodeKey('\x1b\x1b[D')).toEqual([key('left', {meta: true})]);
    expect(decodeKey('\x1b[H')).toEqual([key('home')]);
    expect(decodeKey('\x1b[4~')).toEqual([key('end')]);
    expect(decodeKey('\x1b[Z')).toEqual([key('tab', {shift: true})]);
    expect(decodeKey('\x1b')).toEqual([key('escape')]);
  });

  it('ignores kitty key releases and unknown sequences', () => {
    expect(decodeKey('\x1b[97;1:3u')).toEqual([]);
    expect(decodeKey('\x1b[99X')).toEqual([]);
  });

  it('keeps a run of printable characters whole, newlines included', () => {
    expect(decodeKey('é')).toEqual([text('é')]);
    expect(decodeKey('😀')).toEqual([text('😀')]);
    expect(decodeKey('one\r\ntwo\rthree')).toEqual([text('one\ntwo\nthree')]);
    expect(decodeKey('a\x7f')).toEqual([text('a'), key('backspace')]);
  });
});

describe('createPasteSplitter', () => {
  it('passes keys through and hands over pasted text whole when the paste ends', () => {
    const splitter = createPasteSplitter();
    expect(splitter.push('a')).toEqual([{paste: false, sequence: 'a'}]);
    expect(splitter.push('\x1b[200~')).toEqual([]);
    expect(splitter.pasting).toBe(true);
    expect(splitter.push('one\r\ntwo')).toEqual([]);
    expect(splitter.push('\x1b[31m')).toEqual([]);
    expect(splitter.push('\r')).toEqual([]);
    expect(splitter.push('\x1b[201~')).toEqual([{paste: true, text: 'one\ntwo\n'}]);
    expect(splitter.pasting).toBe(false);
    expect(splitter.push('\r')).toEqual([{paste: false, sequence: '\r'}]);
  });

  it('keeps a CRLF cut across reads one newline, and gives what has come of a slow paste on flush', () => {
    const splitter = createPasteSplitter();
    expect(splitter.push('\x1b[200~one\r')).toEqual([]);
    expect(splitter.flush()).toEqual([{paste: true, text: 'one'}]);
    expect(splitter.push('\ntwo\r')).toEqual([]);
    expect(splitter.push('\nthree\x1b[201~')).toEqual([{paste: true, text: '\ntwo\nthree'}]);
    expect(splitter.flush()).toEqual([]);
  });

  it('handles a whole paste in one event', () => {
    const splitter = createPasteSplitter();
    expect(splitter.push('\x1b[200~x\ny\x1b[201~\r')).toEqual([
      {paste: true, text: 'x\ny'},
      {paste: false, sequence: '\r'},
    ]);
  });

  it('puts back markers cut in two', () => {
    const splitter = createPasteSplitter();
    expect(splitter.push('\x1b[20')).toEqual([]);
    expect(splitter.push('0~first\n')).toEqual([]);
    expect(splitter.push('second\x1b[2')).toEqual([]);
    expect(splitter.push('01~')).toEqual([{paste: true, text: 'first\nsecond'}]);
    expect(splitter.push('\r')).toEqual([{paste: false, sequence: '\r'}]);
  });

  it('never holds back the Escape key', () => {
    const splitter = createPasteSplitter();
    expect(splitter.push('\x1b')).toEqual([{paste: false, sequence: '\x1b'}]);
    expect(splitter.push('\x1b\x1b')).toEqual([{paste: false, sequence: '\x1b\x1b'}]);
  });
});

describe('typed text read together with its Enter', () => {
  it('is the text and then Enter, so it submits', () => {
    const keys = decodeKey('write a lot\r');
    expect(keys.map((key) => key.text || key.name)).toEqual(['write a lot', 'return']);
  });

  it('keeps a multi-line run as text to insert (a paste on a terminal without bracketed paste)', () => {
    expect(decodeKey('one\rtwo\r').map((key) => key.text || key.name)).toEqual(['one\ntwo\n']);
  });
});
