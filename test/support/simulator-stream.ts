import type {ServerResponse} from 'node:http';
import type {Generated} from './simulator-answer.js';
import {MID_STREAM_ERROR} from './simulator-facts.js';
import {errorEnvelope, sleep} from './simulator-http.js';
import {stringifyExact} from './simulator-json.js';
import type {Script} from './simulator-types.js';

/**
 * With `coalesce`, events gathered into one write until this many bytes are ready (or a pause
 * or the end comes): a fast server's stream arrives in a few large reads, as from a real one
 * behind a buffering proxy, rather than one small write per event.
 */
export const COALESCE_BYTES = 64 * 1024;

/** Writes SSE events with the script's transport shaping (crlf, comments, splitEvery) and pacing. */
class SseOut {
  private pending = Buffer.alloc(0);
  /** Whole events not yet written (coalesce only). */
  private gathered: Buffer[] = [];
  private gatheredBytes = 0;
  private count = 0;
  private closed = false;
  private readonly eol: string;

  constructor(
    private readonly res: ServerResponse,
    private readonly script: Script,
    private readonly delayMs: number,
    private readonly coalesce: boolean,
  ) {
    this.eol = script.crlf ? '\r\n' : '\n';
    res.on('close', () => {
      this.closed = true;
    });
  }

  get isClosed(): boolean {
    return this.closed || this.res.destroyed;
  }

  async event(data: string | Buffer, paced = true): Promise<void> {
    if (paced && this.count > 0 && this.delayMs > 0) {
      // What is gathered goes out before the pause, so pacing still shows on the wire.
      await this.writeGathered();
      await sleep(this.delayMs);
    }
    this.count++;
    const eol = this.eol;
    const head = this.script.comments ? `: keep-alive${eol}${eol}event: message${eol}id: ${this.count}${eol}` : '';
    const event = Buffer.concat([Buffer.from(`${head}data: `), Buffer.from(data), Buffer.from(`${eol}${eol}`)]);
    if (!this.coalesce) return this.write(event);
    this.gathered.push(event);
    this.gatheredBytes += event.length;
    if (this.gatheredBytes >= COALESCE_BYTES) await this.writeGathered();
  }

  private async writeGathered(): Promise<void> {
    if (this.gatheredBytes === 0) return;
    const bytes = Buffer.concat(this.gathered, this.gatheredBytes);
    this.gathered = [];
    this.gatheredBytes = 0;
    await this.write(bytes);
  }

  private async write(bytes: Buffer): Promise<void> {
    const size = this.script.splitEvery;
    if (size === undefined || size <= 0) return this.raw(bytes);
    this.pending = Buffer.concat([this.pending, bytes]);
    while (this.pending.length >= size) {
      const chunk = this.pending.subarray(0, size);
      this.pending = this.pending.subarray(size);
      await this.raw(chunk);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async flush(): Promise<void> {
    await this.writeGathered();
    if (this.pending.length > 0) await this.raw(this.pending);
    this.pending = Buffer.alloc(0);
  }

  private raw(chunk: Buffer): Promise<void> {
    return new Promise((resolve) => {
      if (this.isClosed || this.res.writableEnded) return resolve();
      this.res.write(chunk, () => resolve());
    });
  }
}

type Delta = {kind: 'reasoning' | 'text'; json: string};

/**
 * Streams one answer: reasoning deltas, text deltas (one token each), the final event, [DONE].
 * Applies the script's stream fault. Resolves true when the stream completed normally.
 */
export async function writeStream(res: ServerResponse, g: Generated, script: Script, delayMs: number, coalesce = false): Promise<boolean> {
  const base = {taskUUID: g.taskUUID, taskType: 'textInference'};
  const texts = script.deltaChars === undefined ? g.textTokens : pieces(g.text, script.deltaChars);
  const deltas: Delta[] = [
    ...g.reasoningTokens.map((t): Delta => ({kind: 'reasoning', json: JSON.stringify({...base, delta: {reasoningContent: t}})})),
    ...texts.map((t): Delta => ({kind: 'text', json: JSON.stringify({...base, delta: {text: t}, finishReason: null})})),
  ];
  const final: Record<string, unknown> = {...base, delta: {}, finishReason: g.finishReason};
  // usage and cost on the final event, or (usageAfterFinish) on one more event after it.
  const accounting: Record<string, unknown> = script.usageAfterFinish ? {...base, delta: {}} : final;
  if (g.usage) accounting.usage = g.usage;
  if (g.cost !== undefined) accounting.cost = g.cost;
  const finals = accounting === final ? [final] : [final, accounting];

  res.writeHead(200, {'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive'});
  res.flushHeaders();
  const out = new SseOut(res, script, delayMs, coalesce);
  const after = script.afterEvents ?? 0;
  let fault = script.fault;
  let sent = 0;
  let textSent = 0;
  for (let i = 0; i < deltas.length + finals.length; i++) {
    if (out.isClosed) return false;
    const next = deltas[i];
    if (fault === 'midStreamError' && (next === undefined || (next.kind === 'text' && textSent >= after))) {
      const error = {code: script.code ?? MID_STREAM_ERROR.code, message: script.message ?? MID_STREAM_ERROR.message, ...base};
      await out.event(JSON.stringify(errorEnvelope(script.envelope, [error])));
      await out.flush();
      res.end();
      return false;
    }
    if (fault !== undefined && fault !== 'midStreamError' && sent >= after) {
      if (fault === 'malformedEvent' || fault === 'invalidUtf8') {
        await out.event(fault === 'malformedEvent' ? '{not json' : badUtf8Event(base));
        fault = undefined;
      } else {
        await out.flush();
        if (fault === 'cutStream') res.end();
        if (fault === 'drop') res.socket?.destroy();
        return false; // 'stall': the socket stays open until close()
      }
    }
    await out.event(next === undefined ? stringifyExact(finals[i - deltas.length]) : next.json);
    sent++;
    if (next?.kind === 'text') textSent++;
  }
  await out.event('[DONE]', false);
  await out.flush();
  res.end();
  return !out.isClosed || res.writableFinished;
}

/** `text` cut into pieces of at most `size` characters (code points, so no character is split). */
function pieces(text: string, size: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

/** A text delta whose bytes hold 0xFF, which is never valid UTF-8. */
function badUtf8Event(base: {taskUUID: string; taskType: string}): Buffer {
  const json = JSON.stringify({...base, delta: {text: '@@'}, finishReason: null});
  const [before, afterText] = json.split('@@') as [string, string];
  return Buffer.concat([Buffer.from(before), Buffer.from([0xff]), Buffer.from(afterText)]);
}
