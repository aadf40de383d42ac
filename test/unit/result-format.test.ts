import {afterEach, describe, expect, it, vi} from 'vitest';
import type {InferenceEvent, InferenceResult} from '../../src/api/types.js';
import {costLine, formatCount, resultLabel, resultSeparator, resultTag, retryCountdown, retryNotice, usageLine} from '../../src/format/result-format.js';
import {printAnswer} from '../../src/output/answer-printer.js';
import {printPlainChat} from '../../src/output/plain-chat.js';
import type {TextSink} from '../../src/output/terminal.js';
import {FakeChatController} from '../support/fake-chat-controller.js';

/** A stream that keeps what was written to it (never full, not a terminal). */
function sink(): TextSink & {text: string} {
  const stream = {text: '', write: (chunk: string) => ((stream.text += chunk), true), once: () => stream};
  return stream;
}

const plain = {enabled: false, dim: (text: string) => text, yellow: (text: string) => text};

/** What `gemma ask` writes on stdout and stderr for these events (the real printer). */
async function ask(events: InferenceEvent[], numberResults = 1): Promise<{stdout: string; stderr: string}> {
  const stdout = sink();
  const stderr = sink();
  async function* replay(): AsyncGenerator<InferenceEvent> {
    yield* events;
  }
  await printAnswer(replay(), {stdout, stderr, color: plain, json: false, showThinking: false, model: 'm', numberResults, taskUUID: 't'});
  return {stdout: stdout.text, stderr: stderr.text};
}

const result = (patch: Partial<InferenceResult>): InferenceResult => ({taskUUID: 't', index: 0, text: 'ok', reasoning: '', finishReason: 'stop', ...patch});

afterEach(() => {
  vi.useRealTimers();
});

describe('the cost line', () => {
  it.each([
    [0, 'cost: $0.0000'],
    [0.0000123, 'cost: $0.000012'],
    [0.00012, 'cost: $0.00012'],
    [0.0123, 'cost: $0.0123'],
    [1.5, 'cost: $1.5000'],
  ])('a price of %s reads %s', (cost, line) => {
    expect(costLine({cost})).toBe(line);
  });

  it('is absent when the API reported no cost', () => {
    expect(costLine({})).toBeUndefined();
  });
});

describe('the usage line', () => {
  it('counts thinking tokens when there are some', () => {
    expect(usageLine({usage: {promptTokens: 12, completionTokens: 30, thinkingTokens: 8, totalTokens: 50}})).toBe('usage: 12 in, 30 out, 8 thinking, 50 total');
  });

  it('leaves thinking out when there were none, and marks a count the API left out', () => {
    expect(usageLine({usage: {promptTokens: 12, completionTokens: 30, thinkingTokens: 0, totalTokens: 42}})).toBe('usage: 12 in, 30 out, 42 total');
    expect(usageLine({usage: {completionTokens: 30}})).toBe('usage: ? in, 30 out, ? total');
  });

  it('is absent when the API reported no usage', () => {
    expect(usageLine({})).toBeUndefined();
  });

  it('is what ask prints on stderr, per result when there are several', async () => {
    const usage = {promptTokens: 3, completionTokens: 4, totalTokens: 7};
    const one = await ask([{type: 'text', text: 'ok', index: 0}, {type: 'done', results: [result({usage, cost: 0.0000021})]}]);
    expect(one).toEqual({stdout: 'ok\n', stderr: 'usage: 3 in, 4 out, 7 total\ncost: $0.0000021\n'});
    const two = await ask([{type: 'done', results: [result({usage}), result({index: 1, usage})]}], 2);
    expect(two.stderr).toBe('result 1: usage: 3 in, 4 out, 7 total\nresult 2: usage: 3 in, 4 out, 7 total\n');
  });
});

describe('results and counts', () => {
  it('names a result from 1, and puts the separator on a line of its own', () => {
    expect(resultLabel(0, 3)).toBe('result 1 of 3');
    expect(resultSeparator(2, 3)).toBe('--- result 3 of 3 ---\n');
    expect(resultTag(1)).toBe('result 2: ');
  });

  it('writes token counts with thousands separators', () => {
    expect(formatCount(1204)).toBe('1,204');
    expect(formatCount(12)).toBe('12');
  });

  it('ask and plain chat print the same separators above several results', async () => {
    const printed = await ask([{type: 'text', text: 'A\n', index: 0}, {type: 'text', text: 'B\n', index: 1}, {type: 'done', results: [result({text: 'A\n'}), result({index: 1, text: 'B\n'})]}], 2);
    const chat = new FakeChatController();
    const stdout = sink();
    printPlainChat(chat, stdout, sink());
    chat.append(
      {kind: 'assistant', text: 'A\n', reasoning: '', finishReason: 'stop', interrupted: false, timing: {totalMs: 1}, result: {index: 0, of: 2}},
      {kind: 'assistant', text: 'B\n', reasoning: '', finishReason: 'stop', interrupted: false, timing: {totalMs: 1}, result: {index: 1, of: 2}},
    );
    const separators = (text: string): string[] => text.split('\n').filter((line) => line.startsWith('---'));
    expect(separators(printed.stdout)).toEqual(['--- result 1 of 2 ---', '--- result 2 of 2 ---']);
    expect(separators(stdout.text)).toEqual(separators(printed.stdout));
  });
});

describe('the retry notice', () => {
  it('says why, how long to wait (one decimal) and which attempt comes next', () => {
    expect(retryNotice('rate limited (rateLimitExceeded)', 1000, 2)).toBe('gemma: rate limited (rateLimitExceeded); retrying in 1.0 s (attempt 2)');
    expect(retryNotice('bad gateway (badGateway)', 2345, 3)).toBe('gemma: bad gateway (badGateway); retrying in 2.3 s (attempt 3)');
  });

  it('never counts below zero, and cleans the server reason of terminal controls', () => {
    expect(retryNotice('late', -40, 2)).toBe('gemma: late; retrying in 0.0 s (attempt 2)');
    expect(retryNotice('evil\u001b]0;title\u0007 reason', 500, 2)).not.toContain('\u001b');
  });

  it('as a countdown on a terminal, puts the wait and the attempt before the reason, so a cut line keeps them', () => {
    expect(retryCountdown('rate limited (rateLimitExceeded)', 1000, 2)).toBe('gemma: retrying in 1.0 s (attempt 2): rate limited (rateLimitExceeded)');
    expect(retryCountdown('evil\u001b]0;title\u0007 reason', -5, 3)).toBe('gemma: retrying in 0.0 s (attempt 3): evil^[]0;title^G reason');
  });

  it('ask and plain chat print the same line for the same retry', async () => {
    vi.useFakeTimers({now: 1_000_000});
    const asked = await ask([{type: 'retry', attempt: 2, delayMs: 3000, reason: 'rate limited (rateLimitExceeded)'}, {type: 'done', results: [result({text: ''})]}]);
    const chat = new FakeChatController();
    const stderr = sink();
    printPlainChat(chat, sink(), stderr);
    chat.ask('hi');
    chat.live({phase: 'retrying', retryAt: Date.now() + 3000, retryReason: 'rate limited (rateLimitExceeded)', retryAttempt: 2});
    expect(asked.stderr).toBe('gemma: rate limited (rateLimitExceeded); retrying in 3.0 s (attempt 2)\n');
    expect(stderr.text).toBe(asked.stderr);
  });
});
