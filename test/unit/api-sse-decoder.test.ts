import {describe, expect, it} from 'vitest';
import {ProtocolError} from '../../src/errors.js';
import {SseDecoder} from '../../src/api/wire/sse.js';

const encoder = new TextEncoder();

const events = [
  {taskUUID: 'u', delta: {reasoningContent: 'Let me think'}},
  {taskUUID: 'u', delta: {text: 'Café '}, finishReason: null},
  {taskUUID: 'u', delta: {text: '🙂 done'}, finishReason: null},
  {taskUUID: 'u', delta: {}, finishReason: 'stop', usage: {totalTokens: 3}, cost: 0.001},
];

function sample(eol: string): string {
  const body = events.map((event) => `data: ${JSON.stringify(event)}${eol}${eol}`).join('');
  return `: keep-alive${eol}${eol}event: message${eol}id: 1${eol}${body}data: [DONE]${eol}${eol}`;
}

function decode(chunks: Uint8Array[]): {payloads: unknown[]; done: boolean} {
  const decoder = new SseDecoder();
  const payloads: unknown[] = [];
  const take = (payload: unknown): void => void payloads.push(payload);
  for (const chunk of chunks) decoder.push(chunk, take);
  decoder.end(take);
  return {payloads, done: decoder.done};
}

function splitAt(bytes: Uint8Array, ...cuts: number[]): Uint8Array[] {
  const points = [0, ...cuts, bytes.length];
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
}

describe('SseDecoder', () => {
  for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']] as const) {
    it(`decodes a ${name} stream split at every byte boundary`, () => {
      const bytes = encoder.encode(sample(eol));
      for (let cut = 0; cut <= bytes.length; cut++) {
        const {payloads, done} = decode(splitAt(bytes, cut));
        expect(payloads, `cut at ${cut}`).toEqual(events);
        expect(done).toBe(true);
      }
    });
  }

  it('decodes a stream fed one byte at a time (multi-byte characters cut in half)', () => {
    const bytes = encoder.encode(sample('\r\n'));
    const {payloads} = decode([...bytes].map((byte) => Uint8Array.of(byte)));
    expect(payloads).toEqual(events);
  });

  it('decodes a stream split at every pair of boundaries', () => {
    const bytes = encoder.encode(sample('\n').slice(0, 200));
    for (let a = 1; a < bytes.length; a += 3) {
      for (let b = a; b < bytes.length; b += 5) {
        expect(decode(splitAt(bytes, a, b)).payloads).toEqual(events.slice(0, decode([bytes]).payloads.length));
      }
    }
  });

  it('ignores events after [DONE]', () => {
    const {payloads} = decode([encoder.encode('data: [DONE]\n\ndata: {"a":1}\n\n')]);
    expect(payloads).toEqual([]);
  });

  it('drops an unterminated event at the end of the body', () => {
    for (const tail of ['', '\n', '\r', '\r\n']) {
      expect(decode([encoder.encode(`data: {"a":1}\n\ndata: {"b":2}${tail}`)]).payloads).toEqual([{a: 1}]);
    }
  });

  it('joins multi-line data with newlines, as SSE says', () => {
    expect(decode([encoder.encode('data: {"a":\ndata: 1}\n\n')]).payloads).toEqual([{a: 1}]);
  });

  it('delivers the good events before a malformed one, then throws a ProtocolError naming it', () => {
    const decoder = new SseDecoder();
    const seen: unknown[] = [];
    const bad = `{"delta": {"text": "unterminated ${'x'.repeat(200)}`;
    const run = (): void => {
      decoder.push(encoder.encode(`data: {"a":1}\n\ndata: ${bad}\n\n`), (payload) => seen.push(payload));
    };
    expect(run).toThrow(ProtocolError);
    expect(seen).toEqual([{a: 1}]);
    const error = catchError(() => new SseDecoder().push(encoder.encode(`data: ${bad}\n\n`), () => undefined));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.message).toContain('{"delta": {"text": "unterminated xx');
    expect(error.message.length).toBeLessThan(140);
  });

  it('replaces invalid UTF-8 with U+FFFD instead of failing', () => {
    const head = encoder.encode('data: {"delta":{"text":"a');
    const tail = encoder.encode('b"}}\n\n');
    const bytes = new Uint8Array([...head, 0xff, 0xc3, ...tail]);
    expect(decode([bytes]).payloads).toEqual([{delta: {text: 'a\uFFFD\uFFFDb'}}]);
  });

  it('keeps a seed exact', () => {
    expect(decode([encoder.encode('data: {"seed":9223372036854775807}\n\n')]).payloads).toEqual([
      {seed: '9223372036854775807'},
    ]);
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}
