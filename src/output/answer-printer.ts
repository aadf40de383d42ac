import type {InferenceEvent, InferenceResult} from '../api/types.js';
import {ApiError, ExitCode, GemmaError} from '../errors.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {jsonAnswer} from './json-answer.js';
import {costLine, resultSeparator, resultTag, retryNotice, usageLine} from '../format/result-format.js';
import {finishWarning} from './result-notes.js';
import {writeAll, type NoteStyle, type TextSink} from './terminal.js';

export interface AnswerPrinterOptions {
  stdout: TextSink;
  stderr: TextSink;
  /** Colour for stderr (dim thinking, yellow warnings); plain text off a terminal. */
  color: NoteStyle;
  json: boolean;
  showThinking: boolean;
  model: string;
  /** Several results get a `--- result 2 of 3 ---` line on stdout before each. */
  numberResults: number;
  /** The task as submitted: a failure's `--json` names it (a retry may have used another). */
  taskUUID: string;
}

/**
 * Prints what `ask` shows: the answer on stdout as it arrives and nothing else there; thinking,
 * progress, usage, cost and warnings on stderr. Returns the results; rethrows errors after
 * closing the partial answer so the shell prompt does not glue onto it. What the server sent is
 * cleaned of terminal controls on stderr always, and in the answer only when stdout is a
 * terminal: written to a file or a pipe, the answer is the user's data, byte for byte.
 */
export async function printAnswer(events: AsyncIterable<InferenceEvent>, options: AnswerPrinterOptions): Promise<InferenceResult[]> {
  const {stdout, stderr, color} = options;
  const shown = stdout.isTTY === true ? terminalSafe : (text: string): string => text;
  const partial = new Map<number, {text: string; reasoning: string}>();
  let index = -1;
  let lastChar = '\n';
  let thinkingOpen = false;
  let progressShown = false;
  /** The retry countdown redrawing itself on a terminal. */
  let countdown: ReturnType<typeof setInterval> | undefined;

  /** Ends the progress line and any open thinking, so the next output starts on a clean line. */
  const settleStderr = async (): Promise<void> => {
    clearInterval(countdown);
    countdown = undefined;
    if (progressShown) await writeAll(stderr, '\r\u001b[K');
    if (thinkingOpen) await writeAll(stderr, '\n');
    progressShown = false;
    thinkingOpen = false;
  };
  const note = async (line: string): Promise<void> => {
    await settleStderr();
    await writeAll(stderr, `${line}\n`);
  };
  const entry = (i: number): {text: string; reasoning: string} => {
    let found = partial.get(i);
    if (!found) partial.set(i, (found = {text: '', reasoning: ''}));
    return found;
  };

  try {
    for await (const event of events) {
      switch (event.type) {
        case 'reasoning':
          // Only --json needs the whole text; otherwise a long answer streams in flat memory.
          if (options.json) entry(event.index).reasoning += event.text;
          if (options.showThinking && !options.json) {
            if (progressShown) await settleStderr();
            thinkingOpen = true;
            await writeAll(stderr, color.dim(terminalSafe(event.text)));
          }
          break;
        case 'text':
          if (options.json) entry(event.index).text += event.text;
          if (options.json || event.text === '') break;
          await settleStderr();
          if (event.index !== index) {
            if (index >= 0) await writeAll(stdout, lastChar === '\n' ? '\n' : '\n\n');
            if (options.numberResults > 1) await writeAll(stdout, resultSeparator(event.index, options.numberResults));
            index = event.index;
          }
          await writeAll(stdout, shown(event.text));
          lastChar = event.text.at(-1) ?? lastChar;
          break;
        case 'retry': {
          const line = (ms: number): string => color.yellow(retryNotice(event.reason, ms, event.attempt));
          if (!stderr.isTTY) {
            await note(line(event.delayMs));
            break;
          }
          // On a terminal the wait counts down in place; Ctrl-C stops it like any other phase.
          await settleStderr();
          const until = Date.now() + event.delayMs;
          const draw = (): boolean => stderr.write(`\r\u001b[K${line(Math.max(0, until - Date.now()))} ${color.dim('(Ctrl-C cancels)')}`);
          draw();
          progressShown = true;
          countdown = setInterval(draw, 100);
          break;
        }
        case 'pending':
          if (stderr.isTTY) {
            progressShown = true;
            await writeAll(stderr, `\r\u001b[K${color.dim(`waiting for the answer... ${(event.elapsedMs / 1000).toFixed(0)} s`)}`);
          }
          break;
        case 'done':
          await settleStderr();
          if (options.json) {
            await writeAll(stdout, jsonAnswer(event.results, options.model));
          } else if (lastChar !== '\n') {
            await writeAll(stdout, '\n');
          }
          for (const result of event.results) {
            const tag = event.results.length > 1 ? resultTag(result.index) : '';
            for (const line of [usageLine(result), costLine(result)]) if (line) await note(terminalSafe(`${tag}${line}`));
            const warning = finishWarning(result);
            if (warning) await note(color.yellow(`gemma: ${tag}${warning}`));
          }
          return event.results;
      }
    }
    throw new GemmaError('the answer ended without a result', ExitCode.failure);
  } catch (error) {
    await settleStderr();
    if (options.json) {
      // --json always leaves one JSON document on stdout, of the success's shape: what arrived
      // of each result (often nothing) and the error. The error line still goes to stderr.
      const count = Math.max(options.numberResults, ...[...partial.keys()].map((i) => i + 1));
      const results = Array.from({length: count}, (_, i) => ({taskUUID: options.taskUUID, index: i, text: '', reasoning: '', ...partial.get(i), finishReason: null}));
      const failure = error instanceof GemmaError
        ? {message: error.message, ...(error instanceof ApiError ? {code: error.code} : {}), exitCode: error.exitCode}
        : {message: String(error), exitCode: ExitCode.failure};
      await writeAll(stdout, jsonAnswer(results, options.model, failure));
    } else if (index >= 0 && lastChar !== '\n') {
      await writeAll(stdout, '\n');
    }
    throw error;
  }
}
