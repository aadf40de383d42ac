import {describe, expect, it} from 'vitest';
import {ApiError, InterruptedError, NetworkError, ProtocolError, UsageError} from '../../src/errors.js';
import {infer} from '../../src/api/infer.js';
import type {ConnectionOptions, InferenceEvent, InferenceResult, TextInferenceTask} from '../../src/api/types.js';
import {collectEvents, inferTask, testConnection} from '../support/infer-fixtures.js';
import {startSimulator} from '../support/simulator.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

const task = (extra: Partial<TextInferenceTask> = {}): TextInferenceTask => inferTask({messages: [{role: 'user', content: 'Stream me, naïve café 🙂'}], deliveryMethod: 'stream'}, extra);

const conn = (extra: Partial<ConnectionOptions> = {}): ConnectionOptions => testConnection(sim, extra);

const run = collectEvents;

const joined = (events: InferenceEvent[], type: 'text' | 'reasoning'): string =>
  events.map((event) => (event.type === type ? event.text : '')).join('');

function done(events: InferenceEvent[]): InferenceResult | undefined {
  const last = events.at(-1);
  return last?.type === 'done' ? last.results[0] : undefined;
}

describe('infer, stream delivery', () => {
  it('streams reasoning then text, split at every byte with CRLF and comments', async () => {
    sim.script({splitEvery: 1, crlf: true, comments: true});
    const {events, error} = await run(infer(task({includeUsage: true, includeCost: true}), conn()));
    expect(error).toBeUndefined();
    const types = events.map((event) => event.type);
    expect(types.lastIndexOf('reasoning')).toBeLessThan(types.indexOf('text'));
    expect(types.filter((type) => type === 'text').length).toBeGreaterThan(10);
    const result = done(events);
    expect(result?.text).toBe(joined(events, 'text'));
    expect(result?.reasoning).toBe(joined(events, 'reasoning'));
    expect(result?.text).toContain('You said: Stream me, naïve café 🙂.');
    expect(result?.text).toContain('a café sign');
    expect(result?.finishReason).toBe('stop');
    expect(result?.usage?.totalTokens).toBeGreaterThan(0);
    expect(typeof result?.cost).toBe('number');
    expect(sim.requests[0]?.headers.accept).toBe('text/event-stream');
  });

  it('keeps the text received before a mid-stream error, then throws it (no retry)', async () => {
    sim.script({fault: 'midStreamError', afterEvents: 3, answer: 'one two three four five'});
    const {events, error} = await run(infer(task(), conn()));
    // The three text events sent may arrive in one read, as one delta: the text is what counts.
    expect(joined(events, 'text')).toBe('one two three ');
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('internalServerError');
    expect(sim.requests).toHaveLength(1);
  });

  it('reads a mid-stream error in the singular envelope', async () => {
    sim.script({fault: 'midStreamError', afterEvents: 1, envelope: 'error', code: 'providerFailed', message: 'It broke.'});
    const {events, error} = await run(infer(task(), conn()));
    expect(joined(events, 'text').length).toBeGreaterThan(0);
    expect((error as ApiError).message).toBe('It broke. (providerFailed)');
  });

  it('ends a cut stream with finishReason null, keeping what arrived', async () => {
    sim.script({fault: 'cutStream', afterEvents: 25});
    const {events, error} = await run(infer(task(), conn()));
    expect(error).toBeUndefined();
    const result = done(events);
    expect(result?.finishReason).toBeNull();
    expect(result?.text.length).toBeGreaterThan(0);
    expect(result?.text).toBe(joined(events, 'text'));
  });

  it('reports a connection dropped mid-answer as NetworkError dropped, without retrying', async () => {
    sim.script({fault: 'drop', afterEvents: 25});
    const {events, error} = await run(infer(task(), conn()));
    expect(events.filter((event) => event.type === 'text').length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('dropped');
    expect((error as NetworkError).message).toBe(`connection to ${new URL(sim.url).host} closed mid-answer`);
    expect(sim.requests).toHaveLength(1);
  });

  it('retries a stream that failed before its first event and provably unsent (or 503), under a fresh taskUUID', async () => {
    sim.script({fault: 'dropUnread'}, {status: 503});
    const sent = task({seed: '9223372036854775807', messages: [{role: 'user', content: 'y'.repeat(16 * 1024 * 1024)}]});
    const {events, error} = await run(infer(sent, conn()));
    expect(error).toBeUndefined();
    expect(events.filter((event) => event.type === 'retry').map((event) => event.type === 'retry' && event.attempt)).toEqual([2, 3]);
    expect(done(events)?.finishReason).toBe('stop');
    expect(sim.requests).toHaveLength(3);
    const uuids = sim.tasks().map((t) => t.taskUUID);
    expect(uuids).toHaveLength(2);
    expect(new Set([sent.taskUUID, ...uuids]).size).toBe(3);
    for (const request of sim.requests.slice(1)) expect(request.rawBody).toContain('"seed":9223372036854775807');
  });

  it('does not resend a stream lost after its request was delivered, even before its first event', async () => {
    sim.script({fault: 'drop'});
    const sent = task();
    const {events, error} = await run(infer(sent, conn()));
    expect(events).toEqual([]);
    expect((error as NetworkError).message).toBe(
      `connection to ${new URL(sim.url).host} closed after the request was delivered; task ${sent.taskUUID} may still run and be billed; not resent`,
    );
    expect(sim.tasks()).toHaveLength(1);
  });

  it('takes usage and cost from an event after the finishReason event', async () => {
    sim.script({usageAfterFinish: true});
    const {events, error} = await run(infer(task({includeUsage: true, includeCost: true}), conn()));
    expect(error).toBeUndefined();
    const result = done(events);
    expect(result?.finishReason).toBe('stop');
    expect(result?.usage?.completionTokens).toBeGreaterThan(0);
    expect(typeof result?.cost).toBe('number');
  });

  it('routes a thought-channel block in the text deltas to reasoning, cut anywhere', async () => {
    for (const deltaChars of [1, 2, 3, 5, 7, 11]) {
      sim.script({thought: 'Secret plan.', answer: 'The answer.', reasoning: 'Native thinking. ', deltaChars});
      const {events, error} = await run(infer(task(), conn()));
      expect(error, String(deltaChars)).toBeUndefined();
      expect(joined(events, 'text'), String(deltaChars)).toBe('The answer.');
      expect(joined(events, 'reasoning'), String(deltaChars)).toBe('Native thinking. Secret plan.');
      expect(done(events)).toMatchObject({text: 'The answer.', reasoning: 'Native thinking. Secret plan.'});
    }
  });

  it('from a coalescing server: one reasoning and one text event per chunk at most, the same answer', async () => {
    const fast = await startSimulator({coalesce: true});
    try {
      const words = Array.from({length: 6_000}, (_, i) => `w${i}`).join(' ');
      const reasoning = Array.from({length: 3_000}, (_, i) => `r${i}`).join(' ');
      fast.script({thought: 'Secret plan.', answer: words, reasoning});
      const {events, error} = await run(infer(task({includeUsage: true}), {...conn(), baseUrl: fast.url, apiKey: fast.apiKey}));
      expect(error).toBeUndefined();
      expect(joined(events, 'text')).toBe(words);
      expect(joined(events, 'reasoning')).toBe(`${reasoning}Secret plan.`);
      expect(done(events)).toMatchObject({text: words, reasoning: `${reasoning}Secret plan.`, finishReason: 'stop'});
      expect(done(events)?.usage?.completionTokens).toBeGreaterThan(0);
      // 9,000 deltas come in a few dozen reads, each read's deltas as one event of each kind at most.
      expect(events.filter((event) => event.type !== 'done').length).toBeLessThan(200);
    } finally {
      await fast.close();
    }
  });

  it('from a coalescing server: the text before an error or a malformed event in the same chunk still comes first', async () => {
    const fast = await startSimulator({coalesce: true});
    try {
      const tokens = Array.from({length: 3_000}, (_, i) => `w${i} `);
      const connection = {...conn(), baseUrl: fast.url, apiKey: fast.apiKey};
      fast.script({answer: tokens.join('').trimEnd(), reasoning: '', fault: 'midStreamError', afterEvents: 2_500});
      const failed = await run(infer(task(), connection));
      expect((failed.error as ApiError).code).toBe('internalServerError');
      expect(joined(failed.events, 'text')).toBe(tokens.slice(0, 2_500).join(''));
      fast.script({answer: tokens.join('').trimEnd(), reasoning: '', fault: 'malformedEvent', afterEvents: 2_000});
      const malformed = await run(infer(task(), connection));
      expect(malformed.error).toBeInstanceOf(ProtocolError);
      expect(joined(malformed.events, 'text')).toBe(tokens.slice(0, 2_000).join(''));
    } finally {
      await fast.close();
    }
  });

  it('sends the User-Agent it is given', async () => {
    const userAgent = 'gemma/9.9.9 (node 20.0.0; linux x64)';
    await run(infer(task(), conn({userAgent})));
    expect(sim.requests[0]?.headers['user-agent']).toBe(userAgent);
  });

  it('gives up on a silent stream after timeoutMs with NetworkError timeout', async () => {
    sim.script({fault: 'stall', afterEvents: 3});
    const started = Date.now();
    const {events, error} = await run(infer(task(), conn({timeoutMs: 300})));
    expect(events.length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('timeout');
    expect((error as NetworkError).message).toBe(`no data from ${new URL(sim.url).host} for 0.3 s`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('throws ProtocolError at a malformed event, after the events before it', async () => {
    sim.script({fault: 'malformedEvent', afterEvents: 2, reasoning: '', answer: 'one two three four'});
    const {events, error} = await run(infer(task(), conn()));
    expect(joined(events, 'text')).toBe('one two ');
    expect(events.every((event) => event.type === 'text')).toBe(true);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toContain('{not json');
  });

  it('replaces invalid UTF-8 with U+FFFD and carries on', async () => {
    sim.script({fault: 'invalidUtf8', afterEvents: 2, splitEvery: 3});
    const {events, error} = await run(infer(task(), conn()));
    expect(error).toBeUndefined();
    expect(done(events)?.text).toContain('\uFFFD');
    expect(done(events)?.finishReason).toBe('stop');
  });

  it('stops promptly with InterruptedError when aborted mid-stream', async () => {
    const slow = await startSimulator({tokenDelayMs: 200});
    try {
      const controller = new AbortController();
      const seen: InferenceEvent[] = [];
      let abortedAt = 0;
      const running = (async () => {
        for await (const event of infer(task(), {...conn(), baseUrl: slow.url, apiKey: slow.apiKey, signal: controller.signal})) {
          seen.push(event);
          if (seen.length === 2) {
            abortedAt = Date.now();
            controller.abort();
          }
        }
      })();
      await expect(running).rejects.toBeInstanceOf(InterruptedError);
      expect(Date.now() - abortedAt).toBeLessThan(500);
      expect(seen).toHaveLength(2);
    } finally {
      await slow.close();
    }
  });

  it('refuses numberResults above 1 before sending anything', async () => {
    const {error} = await run(infer(task({numberResults: 2}), conn()));
    expect(error).toBeInstanceOf(UsageError);
    expect(sim.requests).toHaveLength(0);
  });
});
