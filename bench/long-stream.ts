/** What the stream rows (stream, stream-floor, writes) share: one long answer, checked whole. */
import {randomUUID} from 'node:crypto';
import {fillerText} from '../test/support/simulator-answer.js';
import {type Context, PLAN, type Run} from './bench-kit.js';

export interface LongStream {
  tokens: number;
  /** The answer's bytes; gemma prints them and at most a closing newline. */
  expectedBytes: number;
  /** Why a run did not print the whole answer, or undefined when it did. */
  fullAnswer(run: Run): string | undefined;
}

/** Resets the simulator to stream `PLAN.streamTokens` tokens of filler, no reasoning. */
export function longStream(ctx: Context): LongStream {
  const tokens = PLAN.streamTokens;
  ctx.sim.reset();
  ctx.sim.setDefault({tokens, reasoning: ''});
  const expectedBytes = Buffer.byteLength(fillerText(tokens));
  return {
    tokens,
    expectedBytes,
    fullAnswer: (r) => (r.stdoutBytes >= expectedBytes && r.stdoutBytes <= expectedBytes + 1 ? undefined : `stdout has ${r.stdoutBytes} bytes, expected ${expectedBytes}`),
  };
}

/**
 * The stream request gemma sent last, byte for byte, as a body a baseline client sends again:
 * each call gives it a fresh taskUUID (the simulator refuses a reused one).
 */
export function resendLastStream(ctx: Context): () => string {
  const sent = ctx.sim.requests.at(-1);
  const sentTask = (sent?.body as Array<{taskUUID?: string; deliveryMethod?: string}> | undefined)?.[0];
  if (!sent || sentTask?.deliveryMethod !== 'stream' || !sentTask.taskUUID) throw new Error('gemma ask did not send a stream request');
  const {rawBody} = sent;
  const taskUUID = sentTask.taskUUID;
  return () => rawBody.replace(taskUUID, randomUUID());
}
