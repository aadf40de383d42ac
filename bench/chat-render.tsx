/**
 * Render cost per token of `gemma chat` at turn N against turn 1: the real ChatSession and ChatApp,
 * rendered by ink into a fake 100x40 terminal, fed by a scripted infer (no HTTP). Prints CPU ms per
 * token for each, and the ratio (goal: at most 1.2).
 *
 * Usage: tsx bench/chat-render.tsx [turns] [tokens] [runs] [--json]
 * (defaults 300 2000 3; --json prints one machine-readable result line for bench/run.ts).
 * `measureRenderCost()` is the same measurement as a function.
 */
import {render} from 'ink';
import type {InferenceEvent, TextInferenceTask} from '../src/api/types.js';
import {ChatSession} from '../src/chat/chat-session.js';
import {openInputHistory} from '../src/chat/input-history.js';
import {ChatApp} from '../src/ui/app.js';
import {fakeTerminal, isMain, median, printResult} from './bench-support.js';
import {turnCpuPerToken} from './turn-cpu.js';

const SHORT_ANSWER = 'A short answer with **markdown** and `code`.\n\nA second paragraph.';

export interface RenderCostOptions {
  /** The turn measured against turn 1 (default 300). */
  turns?: number;
  /** Tokens in the measured answer (default 2000). */
  tokens?: number;
  /** Measured pairs (turn 1, turn N), after one warm-up (default 3). */
  runs?: number;
}

export interface RenderCost {
  turns: number;
  tokens: number;
  runs: number;
  /** Median CPU ms per token of the answer at turn `turns`. */
  turnN: number;
  /** Median CPU ms per token of the answer at turn 1. */
  turn1: number;
  ratio: number;
  samplesN: number[];
  samples1: number[];
}

/** A token every `gapMs`, so ink's throttled renders happen as they would in real use. */
async function* scripted(task: TextInferenceTask, count: number): AsyncGenerator<InferenceEvent> {
  let text = '';
  for (let i = 0; i < count; i++) {
    const token = i % 40 === 39 ? `word${i}.\n\n` : `word${i} `;
    text += token;
    yield {type: 'text', text: token, index: 0};
    if (count > 10) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  yield {type: 'done', results: [{taskUUID: task.taskUUID, index: 0, text, reasoning: '', finishReason: 'stop'}]};
}

/** CPU ms per token of a `tokens`-token answer streamed after `history` short turns. */
async function measure(history: number, tokens: number): Promise<number> {
  let answerTokens = 5;
  const session = new ChatSession({
    layers: {env: {}, stored: {}},
    flags: new Map(),
    infer: (task) => (answerTokens === 5 ? (async function* () {
      yield {type: 'text', text: SHORT_ANSWER, index: 0} as InferenceEvent;
      yield {type: 'done', results: [{taskUUID: task.taskUUID, index: 0, text: SHORT_ANSWER, reasoning: '', finishReason: 'stop'}]} as InferenceEvent;
    })() : scripted(task, answerTokens)),
    connect: (_settings, signal) => ({baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', timeoutMs: 1000, signal}),
  });
  const {stdout, stdin} = fakeTerminal();
  const app = render(
    <ChatApp controller={session} history={openInputHistory(undefined)} color openEditor={async () => undefined} onExit={() => undefined} />,
    {stdout, stdin, exitOnCtrlC: false, patchConsole: false},
  );
  for (let i = 0; i < history; i++) {
    session.submit(`question ${i}`);
    await session.idle();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  answerTokens = tokens;
  // The previous measurement's garbage is collected first: otherwise turn 1 pays for the 300-turn
  // app unmounted just before.
  return turnCpuPerToken(session, () => app.unmount(), tokens);
}

/** One warm-up, then `runs` alternating pairs: turn 1, turn `turns`. */
export async function measureRenderCost({turns = 300, tokens = 2000, runs = 3}: RenderCostOptions = {}): Promise<RenderCost> {
  await measure(1, tokens);
  const samples1: number[] = [];
  const samplesN: number[] = [];
  for (let run = 0; run < runs; run++) {
    samples1.push(await measure(1, tokens));
    samplesN.push(await measure(turns, tokens));
  }
  const turnN = median(samplesN);
  const turn1 = median(samples1);
  return {turns, tokens, runs, turnN, turn1, ratio: turnN / turn1, samplesN, samples1};
}

if (isMain(import.meta.url)) {
  const json = process.argv.includes('--json');
  const [turns, tokens, runs] = process.argv.slice(2).filter((arg) => !arg.startsWith('--')).map(Number);
  const result = await measureRenderCost({turns, tokens, runs});
  if (json) printResult(result);
  else {
    const {turnN, turn1, ratio} = result;
    process.stdout.write(`chat render cost per token: turn ${result.turns} ${turnN.toFixed(4)} ms, turn 1 ${turn1.toFixed(4)} ms, ratio ${ratio.toFixed(2)} (goal <= 1.2) ${ratio <= 1.2 ? 'PASS' : 'FAIL'}\n`);
  }
}
