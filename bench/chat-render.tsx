/**
 * Render cost per token of `gemma chat` at turn N against turn 1: the real ChatSession and ChatApp,
 * rendered by ink into a fake 100x40 terminal, fed by a scripted infer (no HTTP). Prints CPU ms per
 * token for each, and the ratio (goal: at most 1.2). Usage: tsx bench/chat-render.tsx [turns] [tokens] [runs]
 */
import {PassThrough, Writable} from 'node:stream';
import {render} from 'ink';
import type {InferenceEvent, TextInferenceTask} from '../src/api/types.js';
import {ChatSession} from '../src/chat/chat-session.js';
import {openInputHistory} from '../src/chat/input-history.js';
import {ChatApp} from '../src/ui/app.js';

const [turns = 300, tokens = 2000, runs = 3] = process.argv.slice(2).map(Number);
const SHORT_ANSWER = 'A short answer with **markdown** and `code`.\n\nA second paragraph.';

function fakeTerminal(): {stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream} {
  const stdout = Object.assign(new Writable({write: (_chunk, _encoding, done) => done()}), {columns: 100, rows: 40, isTTY: true});
  const stdin = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin});
  return {stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream};
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

async function measure(history: number): Promise<number> {
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
  const before = process.cpuUsage();
  session.submit('the measured question');
  await session.idle();
  await new Promise((resolve) => setTimeout(resolve, 60));
  const used = process.cpuUsage(before);
  app.unmount();
  return (used.user + used.system) / 1000 / tokens;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
await measure(1);
const one: number[] = [];
const many: number[] = [];
for (let run = 0; run < runs; run++) {
  one.push(await measure(1));
  many.push(await measure(turns));
}
const ratio = median(many) / median(one);
process.stdout.write(`chat render cost per token: turn ${turns} ${median(many).toFixed(4)} ms, turn 1 ${median(one).toFixed(4)} ms, ratio ${ratio.toFixed(2)} (goal <= 1.2) ${ratio <= 1.2 ? 'PASS' : 'FAIL'}\n`);
