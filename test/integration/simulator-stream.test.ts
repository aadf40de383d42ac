import {ServerResponse} from 'node:http';
import {afterAll, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest';
import {startSimulator} from '../support/simulator.js';
import {COALESCE_BYTES} from '../support/simulator-stream.js';
import {useSimulator} from '../support/use-simulator.js';
import type {Simulator} from '../support/simulator.js';
import {firstError, joinDeltas, naiveSse, post, textTask} from '../support/simulator-client.js';

const sim = useSimulator();

const streamTask = (extra: Record<string, unknown> = {}) => textTask({deliveryMethod: 'stream', ...extra});

/** Raw bytes of a stream response, with the chunk sizes as they arrived. */
async function rawStream(task: Record<string, unknown>, server: Simulator = sim): Promise<{bytes: Buffer; chunks: number; type: string | null}> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: {Authorization: `Bearer ${server.apiKey}`, 'Content-Type': 'application/json'},
    body: JSON.stringify([task]),
  });
  const parts: Buffer[] = [];
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) parts.push(Buffer.from(chunk));
  return {bytes: Buffer.concat(parts), chunks: parts.length, type: response.headers.get('content-type')};
}

describe('stream delivery', () => {
  it('sends reasoning deltas, then text deltas, then the final event, then [DONE]', async () => {
    const task = streamTask({includeUsage: true, includeCost: true});
    const reply = await post(sim, [task]);
    expect(reply.headers.get('content-type')).toBe('text/event-stream');
    expect(reply.text).toMatch(/^data: \{.*\}\n\n/);
    const events = naiveSse(reply.text) as Record<string, any>[];
    expect(events.at(-1)).toBe('[DONE]');
    const final = events.at(-2) as Record<string, any>;
    expect(final).toMatchObject({taskUUID: task.taskUUID, taskType: 'textInference', delta: {}, finishReason: 'stop'});
    expect(final.usage.completionTokens).toBeGreaterThan(0);
    expect(final.cost).toBeGreaterThan(0);
    const kinds = events.slice(0, -2).map((e) => Object.keys(e.delta as object)[0]);
    const firstText = kinds.indexOf('text');
    expect(firstText).toBeGreaterThan(0);
    expect(kinds.slice(0, firstText).every((k) => k === 'reasoningContent')).toBe(true);
    expect(kinds.slice(firstText).every((k) => k === 'text')).toBe(true);
    expect(events[firstText]).toMatchObject({finishReason: null});
    const sync = await post(sim, [textTask()]);
    expect(joinDeltas(events)).toBe(sync.json.data[0].text);
    expect(joinDeltas(events, 'reasoningContent')).toBe(sync.json.data[0].reasoningContent);
  });

  it('maxTokens makes finishReason "length" in the final event', async () => {
    const events = naiveSse((await post(sim, [streamTask({settings: {maxTokens: 2}})])).text) as Record<string, any>[];
    expect(joinDeltas(events)).toBe('You said: ');
    expect(events.at(-2)?.finishReason).toBe('length');
  });

  it('crlf, comments and 1-byte chunks still parse with a naive reader', async () => {
    sim.script({crlf: true, comments: true, splitEvery: 1});
    const shaped = await rawStream(streamTask());
    const text = shaped.bytes.toString('utf8');
    expect(text).toContain('\r\n\r\n');
    expect(text).toContain(': keep-alive');
    expect(text).toMatch(/^event: message\r\nid: \d+\r\ndata: /m);
    expect(shaped.chunks).toBeGreaterThan(50);
    const events = naiveSse(text);
    expect(events.at(-1)).toBe('[DONE]');
    expect(joinDeltas(events)).toContain('café');
  });
});

describe('stream faults', () => {
  it('midStreamError after N text events: the text so far, then an errors event, no [DONE]', async () => {
    sim.script({fault: 'midStreamError', afterEvents: 2, answer: 'a b c d', code: 'providerError'});
    const events = naiveSse((await post(sim, [streamTask()])).text) as Record<string, any>[];
    expect(joinDeltas(events)).toBe('a b ');
    expect(events.at(-1)).toMatchObject({errors: [{code: 'providerError'}]});
    expect(events).not.toContain('[DONE]');
  });

  it('cutStream ends cleanly without a final event', async () => {
    sim.script({fault: 'cutStream', afterEvents: 3, reasoning: ''});
    const events = naiveSse((await post(sim, [streamTask()])).text) as Record<string, any>[];
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.finishReason === null)).toBe(true);
  });

  it('drop after events breaks the body; the task was accepted all the same, so its taskUUID cannot be sent again', async () => {
    const task = streamTask();
    sim.script({fault: 'drop', afterEvents: 2});
    await expect(post(sim, [task])).rejects.toThrow();
    const again = await post(sim, [task]);
    expect(again.status).toBe(400);
    expect(firstError(again).code).toBe('conflictTaskUUID');
    // Dropped before the request was even read: nothing was accepted, the taskUUID is still free.
    const unread = streamTask();
    sim.script({fault: 'drop'});
    await expect(post(sim, [unread])).rejects.toThrow();
    expect((await post(sim, [unread])).status).toBe(200);
  });

  it('malformedEvent and invalidUtf8 insert one bad event', async () => {
    sim.script({fault: 'malformedEvent', afterEvents: 1});
    const malformed = await post(sim, [streamTask()]);
    expect(malformed.text.split('\n\n')[1]).toBe('data: {not json');
    expect(malformed.text).toContain('data: [DONE]');
    sim.script({fault: 'invalidUtf8', afterEvents: 0, reasoning: ''});
    const bad = await rawStream(streamTask());
    expect(bad.bytes.includes(0xff)).toBe(true);
    expect(() => new TextDecoder('utf-8', {fatal: true}).decode(bad.bytes)).toThrow();
  });

  it('stall after events keeps the connection open until the client gives up', async () => {
    sim.script({fault: 'stall', afterEvents: 2});
    const response = await fetch(sim.url, {
      method: 'POST',
      headers: {Authorization: `Bearer ${sim.apiKey}`, 'Content-Type': 'application/json'},
      body: JSON.stringify([streamTask()]),
      signal: AbortSignal.timeout(400),
    });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('paces events by tokenDelayMs', async () => {
    const slow = await startSimulator({tokenDelayMs: 20});
    try {
      slow.script({answer: 'a b c d e', reasoning: ''});
      const started = Date.now();
      const reply = await post(slow, [streamTask()]);
      expect(naiveSse(reply.text)).toHaveLength(7);
      expect(Date.now() - started).toBeGreaterThanOrEqual(5 * 20 - 5);
    } finally {
      await slow.close();
    }
  });
});

describe('coalesce', () => {
  let gathering: Simulator;
  beforeAll(async () => {
    gathering = await startSimulator({coalesce: true});
  });
  afterAll(() => gathering.close());
  beforeEach(() => gathering.reset());

  /** The stream's bytes with its taskUUID replaced, so two requests' bodies compare. */
  const wire = (bytes: Buffer, task: Record<string, unknown>) => bytes.toString('utf8').replaceAll(String(task.taskUUID), '<uuid>');

  /** The stream's bytes, and how many `res.write` calls the simulator (in this process) made for them. */
  async function counted(task: Record<string, unknown>, server: Simulator): Promise<{text: string; bytes: number; writes: number}> {
    const write = vi.spyOn(ServerResponse.prototype, 'write');
    try {
      const {bytes} = await rawStream(task, server);
      return {text: wire(bytes, task), bytes: bytes.length, writes: write.mock.calls.length};
    } finally {
      write.mockRestore();
    }
  }

  it.each([
    {name: 'a whole answer', script: {tokens: 5_000}},
    {name: 'crlf and comments', script: {tokens: 2_000, crlf: true, comments: true}},
    {name: 'a midStreamError', script: {tokens: 3_000, fault: 'midStreamError' as const, afterEvents: 2_500}},
  ])('$name: the same bytes as one write per event, in a few writes of up to 64 KiB', async ({script}) => {
    const [a, b] = [streamTask({includeUsage: true}), streamTask({includeUsage: true})];
    sim.script(script);
    gathering.script(script);
    const each = await counted(a, sim);
    const gathered = await counted(b, gathering);
    expect(gathered.text).toBe(each.text);
    const events = naiveSse(each.text).length;
    expect(each.writes).toBeGreaterThanOrEqual(events);
    expect(gathered.writes).toBeLessThanOrEqual(Math.ceil(gathered.bytes / COALESCE_BYTES) + 1);
  });

  it('a paced stream still writes each event before its pause', async () => {
    const paced = await startSimulator({coalesce: true, tokenDelayMs: 1});
    try {
      paced.script({answer: 'a b c d e', reasoning: ''});
      const {text, writes} = await counted(streamTask(), paced);
      expect(naiveSse(text)).toHaveLength(7);
      // Five text events and the final one each go out before a pause; [DONE] is not paced, so it joins the last.
      expect(writes).toBe(6);
    } finally {
      await paced.close();
    }
  });
});
