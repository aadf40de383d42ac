/**
 * Render cost per token of one long paragraph against the same words in paragraphs of 40: the
 * real ChatSession and ChatApp, rendered by ink into a fake 100x40 terminal, fed by a scripted
 * infer (no HTTP), a token every millisecond or so. Prints CPU ms per token for each, and the
 * ratio (goal: at most 1.5).
 *
 * Usage: node paragraph-render.mjs [tokens] [runs] [--json]   (defaults 2000 3)
 */
import {render} from 'ink';
import type {InferenceEvent, TextInferenceTask} from '../src/api/types.js';
import {ChatSession} from '../src/chat/chat-session.js';
import {openInputHistory} from '../src/chat/input-history.js';
import {ChatApp} from '../src/ui/app.js';
import {fakeTerminal, isMain, median, printResult} from './bench-support.js';
import {answerTokens} from './paragraph-answer.js';
import {turnCpuPerToken} from './turn-cpu.js';

export interface ParagraphCost {
  tokens: number;
  runs: number;
  /** Median CPU ms per token, one paragraph. */
  single: number;
  /** Median CPU ms per token, paragraphs of 40 words. */
  paragraphs: number;
  ratio: number;
  samplesSingle: number[];
  samplesParagraphs: number[];
}

async function* scripted(task: TextInferenceTask, tokens: readonly string[]): AsyncGenerator<InferenceEvent> {
  for (const token of tokens) {
    yield {type: 'text', text: token, index: 0};
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const text = tokens.join('');
  yield {type: 'done', results: [{taskUUID: task.taskUUID, index: 0, text, reasoning: '', finishReason: 'stop'}]};
}

/** CPU ms per token of one answer, from submit until it is printed in full. */
export async function measure(tokens: number, paragraphs: boolean): Promise<number> {
  const answer = answerTokens(tokens, paragraphs);
  const session = new ChatSession({
    layers: {env: {}, stored: {}},
    flags: new Map(),
    infer: (task) => scripted(task, answer),
    connect: (_settings, signal) => ({baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', timeoutMs: 1000, signal}),
  });
  const {stdout, stdin} = fakeTerminal();
  const app = render(
    <ChatApp controller={session} history={openInputHistory(undefined)} color openEditor={async () => undefined} onExit={() => undefined} />,
    {stdout, stdin, exitOnCtrlC: false, patchConsole: false},
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  return turnCpuPerToken(session, () => app.unmount(), tokens);
}

/** One warm-up, then `runs` alternating pairs: paragraphs, one paragraph. */
export async function measureParagraphCost(tokens = 2000, runs = 3): Promise<ParagraphCost> {
  await measure(Math.min(tokens, 500), true);
  const samplesSingle: number[] = [];
  const samplesParagraphs: number[] = [];
  for (let run = 0; run < runs; run++) {
    samplesParagraphs.push(await measure(tokens, true));
    samplesSingle.push(await measure(tokens, false));
  }
  const single = median(samplesSingle);
  const paragraphs = median(samplesParagraphs);
  return {tokens, runs, single, paragraphs, ratio: single / paragraphs, samplesSingle, samplesParagraphs};
}

if (isMain(import.meta.url)) {
  const [tokens, runs] = process.argv.slice(2).filter((arg) => !arg.startsWith('--')).map(Number);
  const result = await measureParagraphCost(tokens, runs);
  if (process.argv.includes('--json')) printResult(result);
  else {
    const {single, paragraphs, ratio} = result;
    process.stdout.write(`${result.tokens} tokens: one paragraph ${single.toFixed(4)} ms/token, paragraphs ${paragraphs.toFixed(4)} ms/token, ratio ${ratio.toFixed(2)} (goal <= 1.5)\n`);
  }
}
