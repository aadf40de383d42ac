import {afterEach, describe, expect, it, vi} from 'vitest';
import type {InferenceEvent, InferenceResult} from '../../src/api/types.js';
import {printAnswer, type AnswerPrinterOptions} from '../../src/output/answer-printer.js';
import {BlockPrinter} from '../../src/output/block-printer.js';
import {StreamedProse} from '../../src/output/streamed-prose.js';
import {colorFor, type TextSink} from '../../src/output/terminal.js';
import {textWidth} from '../../src/text/text-width.js';
import {wrapProse} from '../../src/text/wrap-rows.js';

/** A stream that keeps what was written to it (never full). */
function sink(isTTY = false): TextSink & {text: string} {
  const stream = {text: '', isTTY, write: (chunk: string) => ((stream.text += chunk), true), once: () => stream};
  return stream;
}

const result = (text: string): InferenceResult => ({taskUUID: 't', index: 0, text, reasoning: '', finishReason: 'stop'});

/** Events handed out one at a time: each waits until the test lets it go, so the test sees the screen in between. */
function gatedEvents(events: InferenceEvent[]): {events: AsyncIterable<InferenceEvent>; next: () => Promise<void>} {
  const gates: Array<() => void> = [];
  async function* run(): AsyncGenerator<InferenceEvent> {
    for (const event of events) {
      await new Promise<void>((resolve) => gates.push(resolve));
      yield event;
    }
  }
  return {
    events: run(),
    // Lets one event through, then lets the printer write what it does with it.
    next: async () => {
      for (let i = 0; i < 50 && gates.length === 0; i++) await Promise.resolve();
      gates.shift()?.();
      for (let i = 0; i < 50; i++) await Promise.resolve();
    },
  };
}

function options(stdout: TextSink, stderr: TextSink, extra: Partial<AnswerPrinterOptions> = {}): AnswerPrinterOptions {
  const textLayout = async () => ({textWidth, StreamedProse});
  return {stdout, stderr, color: colorFor(stderr, {}), json: false, showThinking: false, model: 'm', numberResults: 1, taskUUID: 't', textLayout, ...extra};
}

const ERASE_LINE = '\r\u001b[K';
const DIM = (text: string): string => `\u001b[2m${text}\u001b[22m`;
/** A status line as drawn: autowrap off (a line too wide is cut, not wrapped), erased, the text, autowrap on. */
const DRAWN = (text: string): string => `\u001b[?7l${ERASE_LINE}${text}\u001b[?7h`;

afterEach(() => {
  vi.useRealTimers();
});

describe('printAnswer: the wait before the first token', () => {
  it('on a live stderr, counts `thinking…` in place and erases it before the answer; stdout holds only the answer', async () => {
    vi.useFakeTimers();
    const stdout = sink(true);
    const stderr = sink(true);
    const {events, next} = gatedEvents([{type: 'text', text: 'Hi.', index: 0}, {type: 'done', results: [result('Hi.')]}]);
    const printing = printAnswer(events, options(stdout, stderr, {liveStderr: true}));
    expect(stderr.text).toBe(DRAWN(DIM('thinking\u2026 0.0 s')));
    vi.advanceTimersByTime(1_400);
    expect(stderr.text.endsWith(DRAWN(DIM('thinking\u2026 1.4 s')))).toBe(true);
    await next();
    // Erased before the answer started, and not drawn again.
    expect(stderr.text.endsWith(`${DRAWN(DIM('thinking\u2026 1.4 s'))}${ERASE_LINE}`)).toBe(true);
    const drawn = stderr.text;
    vi.advanceTimersByTime(1_000);
    await next();
    await printing;
    expect(stderr.text).toBe(drawn);
    expect(stdout.text).toBe('Hi.\n');
  });

  it('for async, says `queued…` until a poll finds the task running, then `waiting…`', async () => {
    vi.useFakeTimers();
    const stderr = sink(true);
    const {events, next} = gatedEvents([{type: 'pending', elapsedMs: 1000, polls: 1}, {type: 'done', results: [result('')]}]);
    const printing = printAnswer(events, options(sink(), stderr, {liveStderr: true, waiting: 'queued'}));
    vi.advanceTimersByTime(1_000);
    expect(stderr.text.endsWith(DRAWN(DIM('queued\u2026 1.0 s')))).toBe(true);
    await next();
    vi.advanceTimersByTime(200);
    expect(stderr.text.endsWith(DRAWN(DIM('waiting\u2026 1.2 s')))).toBe(true);
    await next();
    await printing;
    expect(stderr.text.endsWith(ERASE_LINE)).toBe(true);
  });

  it('gives way to a retry countdown, and comes back when the countdown is over', async () => {
    vi.useFakeTimers();
    const stderr = sink(true);
    const {events, next} = gatedEvents([{type: 'retry', attempt: 2, delayMs: 1000, reason: 'busy'}, {type: 'done', results: [result('')]}]);
    const printing = printAnswer(events, options(sink(), stderr, {liveStderr: true}));
    await next();
    const countdown = `\u001b[33mgemma: retrying in 1.0 s (attempt 2): busy\u001b[39m ${DIM('(Ctrl-C cancels)')}`;
    expect(stderr.text.endsWith(DRAWN(countdown))).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(stderr.text.endsWith(DRAWN(DIM('thinking\u2026 1.0 s')))).toBe(true);
    await next();
    await printing;
  });

  it('a countdown wider than the terminal is cut at its width with `…`, the countdown kept', async () => {
    vi.useFakeTimers();
    const stderr = Object.assign(sink(true), {columns: 40});
    const reason = 'Too many requests. Retry later. (rateLimitExceeded)';
    const {events, next} = gatedEvents([{type: 'retry', attempt: 2, delayMs: 3000, reason}, {type: 'done', results: [result('')]}]);
    const printing = printAnswer(events, options(sink(), stderr, {liveStderr: true}));
    await next();
    // 39 cells of the line and the ellipsis: 40 in all; the colour reset after the cut.
    expect(stderr.text.endsWith(DRAWN('\u001b[33mgemma: retrying in 3.0 s (attempt 2): T\u2026\u001b[0m'))).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(stderr.text.endsWith(DRAWN('\u001b[33mgemma: retrying in 2.0 s (attempt 2): T\u2026\u001b[0m'))).toBe(true);
    // Wide enough: the whole line, its Ctrl-C hint included.
    stderr.columns = 120;
    vi.advanceTimersByTime(100);
    expect(stderr.text.endsWith(DRAWN(`\u001b[33mgemma: retrying in 1.9 s (attempt 2): ${reason}\u001b[39m ${DIM('(Ctrl-C cancels)')}`))).toBe(true);
    vi.advanceTimersByTime(2_000);
    await next();
    await printing;
  });

  it('a status line is cut by display width: a wide character that would cross the edge goes with the rest', async () => {
    const stderr = Object.assign(sink(true), {columns: 40});
    const {events, next} = gatedEvents([{type: 'retry', attempt: 2, delayMs: 1000, reason: '東京'}, {type: 'done', results: [result('')]}]);
    const printing = printAnswer(events, {...options(sink(), stderr, {liveStderr: true}), color: colorFor(sink(), {})});
    await next();
    // 38 cells before the reason: `東` would end at 40, leaving no cell for the `…`.
    expect(stderr.text.endsWith(DRAWN('gemma: retrying in 1.0 s (attempt 2): \u2026\u001b[0m'))).toBe(true);
    await next();
    await printing;
  });

  it('measures a reason beyond ASCII with text-width once loaded, and as two cells a character before', async () => {
    const drawnFor = async (extra: Partial<AnswerPrinterOptions>): Promise<string> => {
      const stderr = Object.assign(sink(true), {columns: 40});
      const {events, next} = gatedEvents([{type: 'retry', attempt: 2, delayMs: 1000, reason: 'é'}, {type: 'done', results: [result('')]}]);
      const printing = printAnswer(events, {...options(sink(), stderr, {liveStderr: true, ...extra}), color: colorFor(sink(), {})});
      await next();
      const drawn = stderr.text;
      await next();
      await printing;
      return drawn;
    };
    expect((await drawnFor({})).endsWith(DRAWN('gemma: retrying in 1.0 s (attempt 2): \u00e9\u2026\u001b[0m'))).toBe(true);
    expect((await drawnFor({textLayout: undefined})).endsWith(DRAWN('gemma: retrying in 1.0 s (attempt 2): \u2026\u001b[0m'))).toBe(true);
  });

  it('is erased when the request fails, before the error is reported', async () => {
    const stderr = sink(true);
    async function* failing(): AsyncGenerator<InferenceEvent> {
      await Promise.resolve();
      throw new Error('connection reset');
    }
    await expect(printAnswer(failing(), options(sink(), stderr, {liveStderr: true}))).rejects.toThrow('connection reset');
    expect(stderr.text).toMatch(/^\u001b\[\?7l\r\u001b\[K\u001b\[2mthinking… \d+\.\d s\u001b\[22m\u001b\[\?7h\r\u001b\[K$/);
  });

  it('is never drawn on a stderr that is not live (a pipe, TERM=dumb)', async () => {
    const stderr = sink(true);
    const {events, next} = gatedEvents([{type: 'text', text: 'Hi.', index: 0}, {type: 'done', results: [result('Hi.')]}]);
    const printing = printAnswer(events, options(sink(), stderr, {liveStderr: false}));
    await next();
    await next();
    await printing;
    expect(stderr.text).toBe('');
  });
});

describe('printAnswer: --show-thinking', () => {
  it('puts the reasoning under a `thinking:` line and a blank line before the answer, all on stderr', async () => {
    const stdout = sink();
    const stderr = sink();
    async function* events(): AsyncGenerator<InferenceEvent> {
      yield {type: 'reasoning', text: 'Greet ', index: 0};
      yield {type: 'reasoning', text: 'back.', index: 0};
      yield {type: 'text', text: 'Hello!', index: 0};
      yield {type: 'done', results: [result('Hello!')]};
    }
    await printAnswer(events(), options(stdout, stderr, {showThinking: true}));
    expect(stderr.text).toBe('thinking:\nGreet back.\n\n');
    expect(stdout.text).toBe('Hello!\n');
  });

  const REASONING = ['The user greets ', 'me; a short fri', 'endly reply fits best.\nSo:  ', 'a   greeting', ' back.'];
  const thinkingOn = async (stderr: TextSink): Promise<void> => {
    async function* events(): AsyncGenerator<InferenceEvent> {
      for (const text of REASONING) yield {type: 'reasoning', text, index: 0};
      yield {type: 'text', text: 'Hello!', index: 0};
      yield {type: 'done', results: [result('Hello!')]};
    }
    await printAnswer(events(), {...options(sink(), stderr, {showThinking: true, liveStderr: false}), color: colorFor(sink(), {})});
  };

  it('on a terminal, word-wraps the reasoning at its width as it streams: no word is cut at the edge', async () => {
    const stderr = Object.assign(sink(true), {columns: 20});
    await thinkingOn(stderr);
    expect(stderr.text).toBe('thinking:\nThe user greets me;\na short friendly\nreply fits best.\nSo:  a   greeting\nback.\n\n');
  });

  it('streamed in any pieces, wraps as wrapProse wraps the whole line: a word wider than a row is broken', () => {
    const line = 'ab abcdefghijklmnop  cd  東京東京東京 e';
    for (const size of [1, 3, 7]) {
      const prose = new StreamedProse(() => 10);
      let out = '';
      for (let start = 0; start < line.length; start += size) out += prose.push(line.slice(start, start + size));
      expect(out + prose.end()).toBe(wrapProse(line, 10).join('\n'));
    }
  });

  it('off a terminal, writes the reasoning as it came, unwrapped', async () => {
    const stderr = Object.assign(sink(false), {columns: 20});
    await thinkingOn(stderr);
    expect(stderr.text).toBe(`thinking:\n${REASONING.join('')}\n\n`);
  });
});

describe('printAnswer: a rendered answer', () => {
  it('goes through the block printer of each result; a result cut short keeps what arrived, rendered', async () => {
    const stdout = sink();
    const render = (block: string): string => `<${block}>`;
    async function* events(): AsyncGenerator<InferenceEvent> {
      yield {type: 'text', text: 'One.\n\nTw', index: 0};
      yield {type: 'text', text: 'o', index: 0};
      throw new Error('cut');
    }
    const openBlocks = async () => new BlockPrinter(stdout, {render});
    await expect(printAnswer(events(), options(stdout, sink(), {openBlocks}))).rejects.toThrow('cut');
    expect(stdout.text).toBe('<One.>\n\n<Two>\n');
  });
});
