import {PassThrough, Writable} from 'node:stream';
import {render, Text} from 'ink';
import {useEffect, useState} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {type InkInput, useInkInput} from '../../src/ui/input/ink-input-events.js';

// What gemma's prompt relies on in ink's input feed (src/ui/input/ink-input-events.ts). If an ink
// upgrade breaks one of these, the prompt's keys break with it: fix the module, not this test.

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

function terminal() {
  const stdout = Object.assign(new Writable({decodeStrings: false, write: (_chunk, _encoding, done) => done()}), {columns: 80, rows: 24, isTTY: true});
  const rawModes: boolean[] = [];
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: (on: boolean) => {
      rawModes.push(on);
      return stdin;
    },
    ref: () => stdin,
    unref: () => stdin,
  });
  return {stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream & PassThrough, rawModes};
}

interface ProbeProps {
  raw: boolean;
  listening: boolean;
  events: string[];
  seen: InkInput['subscribe'][];
}

function Probe({raw, listening, events, seen}: ProbeProps) {
  const {subscribe, setRawMode} = useInkInput();
  const [, setRenders] = useState(0);
  seen.push(subscribe);
  useEffect(() => {
    if (!raw) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [raw, setRawMode]);
  useEffect(() => (listening ? subscribe((input) => {
    events.push(input);
    setRenders((n) => n + 1);
  }) : undefined), [listening, subscribe, events]);
  return <Text>probe</Text>;
}

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

function setup(props: Partial<ProbeProps> = {}) {
  const term = terminal();
  const all: ProbeProps = {raw: true, listening: true, events: [], seen: [], ...props};
  // As gemma renders the chat (src/ui/run-chat-app.tsx): ink does not exit on Ctrl-C, the prompt does.
  const app = render(<Probe {...all} />, {stdout: term.stdout, stdin: term.stdin, exitOnCtrlC: false, patchConsole: false});
  unmount = () => app.unmount();
  const type = async (...chunks: string[]) => {
    for (const chunk of chunks) {
      term.stdin.write(chunk);
      await tick();
    }
  };
  return {...term, ...all, app, type};
}

const nextTick = () => new Promise((resolve) => process.nextTick(resolve));

describe("ink's input events, as gemma's prompt reads them", () => {
  it('delivers each escape sequence and each run of text as one event, with ESC and control bytes kept', async () => {
    const {type, events} = setup();
    // Text, Delete, Backspace, Alt+Enter, Enter, Ctrl-C, a lone Escape, wide text.
    await type('ab', '\x1b[3~', '\x7f', '\x1b\r', '\r', '\x03', '\x1b', 'é😀');
    expect(events).toEqual(['ab', '\x1b[3~', '\x7f', '\x1b\r', '\r', '\x03', '\x1b', 'é😀']);
  });

  it('puts an escape sequence cut across two reads back together', async () => {
    const {stdin, events} = setup();
    const reads: unknown[] = [];
    const read = stdin.read.bind(stdin);
    stdin.read = (size?: number) => {
      const chunk: unknown = read(size);
      if (chunk !== null) reads.push(chunk);
      return chunk;
    };
    stdin.write('\x1b[');
    await nextTick();
    await nextTick();
    stdin.write('3~');
    await tick();
    expect(reads).toEqual(['\x1b[', '3~']);
    expect(events).toEqual(['\x1b[3~']);
  });

  it('hands a bracketed paste over as its start marker, its text with newlines, and its end marker', async () => {
    const {type, events} = setup();
    await type('\x1b[200~two\nlines\x1b[201~');
    expect(events).toEqual(['\x1b[200~', 'two\nlines', '\x1b[201~']);
  });

  it('turns the terminal raw while held, and delivers input only to a subscribed listener', async () => {
    const events: string[] = [];
    const seen: InkInput['subscribe'][] = [];
    const {type, rawModes, app} = setup({listening: false, events, seen});
    expect(rawModes).toEqual([true]);
    await type('a');
    app.rerender(<Probe raw listening events={events} seen={seen} />);
    await type('b');
    app.rerender(<Probe raw listening={false} events={events} seen={seen} />);
    await type('c');
    expect(events).toEqual(['b']);
    app.rerender(<Probe raw={false} listening={false} events={events} seen={seen} />);
    expect(rawModes).toEqual([true, false]);
  });

  it('gives the same subscribe function on every render, so a listener (and a paste in progress) survives re-renders', async () => {
    const {type, seen} = setup();
    await type('a', 'b', 'c');
    expect(seen.length).toBeGreaterThan(3);
    expect(new Set(seen).size).toBe(1);
  });
});
