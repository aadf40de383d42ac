import {describe, expect, it} from 'vitest';
import type {InferenceEvent} from '../../src/api/types.js';
import {ApiError} from '../../src/errors.js';
import {printAnswer, type AnswerPrinterOptions} from '../../src/output/answer-printer.js';
import {colorFor, type TextSink} from '../../src/output/terminal.js';

function sink(isTTY = false): TextSink & {text: string} {
  const stream = {text: '', isTTY, write: (chunk: string) => ((stream.text += chunk), true), once: () => stream};
  return stream;
}

const options = (stdout: TextSink, stderr: TextSink, extra: Partial<AnswerPrinterOptions> = {}): AnswerPrinterOptions =>
  ({stdout, stderr, color: colorFor(stderr, {}), json: false, showThinking: false, model: 'm', numberResults: 1, taskUUID: 't', extract: 'first', ...extra});

const F = '```';

async function* failingAfter(texts: string[]): AsyncGenerator<InferenceEvent> {
  for (const text of texts) yield {type: 'text', text, index: 0};
  throw new ApiError('the connection was cut', {status: 502, code: 'badGateway'});
}

describe('printAnswer with extract', () => {
  it('a failure before any block prints none of the prose; inside a block, what arrived of it', async () => {
    const stdout = sink();
    await expect(printAnswer(failingAfter(['Some ', 'prose\n']), options(stdout, sink()))).rejects.toThrow('cut');
    expect(stdout.text).toBe('');
    const cut = sink();
    await expect(printAnswer(failingAfter(['intro\n', `${F}\nmake\nmake ins`]), options(cut, sink()))).rejects.toThrow('cut');
    expect(cut.text).toBe('make\nmake ins\n');
  });

  it('with --json, the failure\'s object carries the code of what arrived', async () => {
    const stdout = sink();
    await expect(printAnswer(failingAfter([`${F}\nls\n`]), options(stdout, sink(), {json: true}))).rejects.toThrow('cut');
    expect(JSON.parse(stdout.text)).toMatchObject({text: `${F}\nls\n`, code: 'ls\n', error: {message: 'the connection was cut'}});
  });
});
