import {describe, expect, it} from 'vitest';
import type {InferenceEvent, InferenceResult, TextInferenceTask} from '../../src/api/types.js';
import {chatCompletions, runChatCommand} from '../../src/chat/chat-commands.js';
import {ChatSession} from '../../src/chat/chat-session.js';
import {NO_TOTALS} from '../../src/chat/chat-totals.js';
import type {AssistantEntry, NoticeEntry} from '../../src/chat/chat-types.js';
import {printAnswer} from '../../src/output/answer-printer.js';
import {costLine} from '../../src/format/result-format.js';
import {formatAnswerFooter} from '../../src/ui/format-answer-footer.js';

/**
 * What a user reads for each price: four decimals, more when a sub-cent price needs them for two
 * significant digits, and never an exponent.
 */
const SHOWN: Array<[number, string]> = [
  [0, '$0.0000'],
  [0.00000012, '$0.00000012'],
  [0.0000123, '$0.000012'],
  [0.000123, '$0.00012'],
  [0.004, '$0.0040'],
  [0.00999, '$0.0100'],
  [0.0123, '$0.0123'],
  [1.5, '$1.5000'],
  [12.3456, '$12.3456'],
];

const result = (cost: number): InferenceResult => ({taskUUID: 't', index: 0, text: 'ok', reasoning: '', finishReason: 'stop', cost});

const answerEntry = (cost: number): AssistantEntry => ({
  kind: 'assistant', id: 1, text: 'ok', reasoning: '', finishReason: 'stop', interrupted: false, timing: {totalMs: 1000}, cost,
});

/** What `gemma ask --cost` writes on stderr for an answer of this price (the real printer). */
async function askStderr(cost: number): Promise<string> {
  let stderr = '';
  const sink = (write: (chunk: string) => void) => ({write: (chunk: string) => (write(chunk), true), once: () => undefined});
  async function* events(): AsyncGenerator<InferenceEvent> {
    yield {type: 'text', text: 'ok', index: 0};
    yield {type: 'done', results: [result(cost)]};
  }
  const plain = {enabled: false, dim: (text: string) => text, yellow: (text: string) => text};
  await printAnswer(events(), {stdout: sink(() => undefined), stderr: sink((chunk) => (stderr += chunk)), color: plain, json: false, showThinking: false, model: 'm', numberResults: 1, taskUUID: 't'});
  return stderr;
}

/** What `/usage` says in a chat whose one answer cost this much. */
async function usageNotice(cost: number): Promise<string | undefined> {
  const session = new ChatSession({
    layers: {env: {}, stored: {}, defaults: {includeUsage: true, includeCost: true}},
    flags: new Map(),
    infer: async function* (task: TextInferenceTask): AsyncGenerator<InferenceEvent> {
      yield {type: 'done', results: [{...result(cost), taskUUID: task.taskUUID}]};
    },
    connect: (_settings, signal) => ({baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', timeoutMs: 1000, signal}),
    runCommand: runChatCommand,
    completions: chatCompletions,
  });
  for (const line of ['hi', '/usage']) {
    session.submit(line);
    await session.idle();
  }
  return session.getSnapshot().entries.filter((e): e is NoticeEntry => e.kind === 'notice').at(-1)?.text;
}

describe.each(SHOWN)('a price of %s', (cost, shown) => {
  it(`ask --cost prints ${shown}`, async () => {
    expect(costLine(result(cost))).toBe(`cost: ${shown}`);
    expect(await askStderr(cost)).toBe(`cost: ${shown}\n`);
  });

  it(`the chat footer shows ${shown} for the turn, and for the session once it is above zero`, () => {
    const footer = formatAnswerFooter(answerEntry(cost), {...NO_TOTALS, turns: 1, cost});
    expect(footer).toBe(cost > 0 ? `${shown} │ session: 1 turn · ${shown}` : `${shown} │ session: 1 turn`);
  });
});

it('/usage shows each price as ask and the footer do (a session that cost nothing shows none, as the footer)', async () => {
  const said = await Promise.all(SHOWN.map(([cost]) => usageNotice(cost)));
  expect(said).toEqual(SHOWN.map(([cost, shown]) => (cost > 0 ? `session: 1 turn · ${shown}` : 'session: 1 turn')));
});
