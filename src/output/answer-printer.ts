import type {InferenceEvent, InferenceResult} from '../api/types.js';
import {ApiError, ExitCode, GemmaError} from '../errors.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {jsonAnswer} from './json-answer.js';
import {costLine, resultSeparator, resultTag, retryCountdown, retryNotice, usageLine} from '../format/result-format.js';
import {formatSeconds} from '../ui/format-seconds.js';
import type {AnswerBlocks} from './block-printer.js';
import {CodeExtractor, extractCode, noCodeWarning, type ExtractMode} from './extract-code.js';
import {finishWarning} from './result-notes.js';
import {StatusLine} from './status-line.js';
import type {StreamedProse} from './streamed-prose.js';
import {writeAll, type NoteStyle, type TextSink} from './terminal.js';

/** What answer-printer measures and wraps with, from the lazily loaded markdown-answer bundle. */
export interface TextLayout {
  textWidth(text: string): number;
  StreamedProse: typeof StreamedProse;
}

/** What the wait for the first token is called: the model at work, or an async task not yet polled. */
export type WaitingLabel = 'thinking' | 'queued';

/** How often the waiting line is redrawn: its tenths of a second move a few times a second. */
const REDRAW_MS = 200;

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
  /**
   * stderr is a terminal whose last line can be redrawn (not TERM=dumb): the wait and a retry's
   * countdown are shown there in place. Default: stderr is a TTY.
   */
  liveStderr?: boolean;
  /** stderr's width now, for the status line and the reasoning's wrap. Default: its `columns`, else 80. */
  stderrColumns?: () => number;
  /** The waiting line's word until the first token (`queued` for async until a poll says it runs). */
  waiting?: WaitingLabel;
  /**
   * Display widths and word wrap, loaded when first needed (the reasoning on a terminal, a retry
   * reason beyond ASCII): they are not loaded at start-up. Without it the reasoning is not wrapped.
   */
  textLayout?: () => Promise<TextLayout>;
  /** Renders each result's answer (markdown) instead of writing its text as it comes. */
  openBlocks?: () => Promise<AnswerBlocks>;
  /**
   * `-x` / `--extract-last`: each result prints only its first (last) fenced code block, as
   * written (never rendered); one without a block prints whole, with a warning on stderr. With
   * `json`, each object gets `code` instead.
   */
  extract?: ExtractMode;
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
  const live = options.liveStderr ?? stderr.isTTY === true;
  const partial = new Map<number, {text: string; reasoning: string}>();
  let index = -1;
  let lastChar = '\n';
  /** The reasoning shown on stderr, open since its `thinking:` heading; its last character. */
  let thinkingEnd: string | undefined;
  /** The reasoning's word wrap on a terminal; off one it is written as it came. */
  let thinkingWrap: StreamedProse | undefined;
  /** The answer being rendered, when it is (`openBlocks`). */
  let blocks: AnswerBlocks | undefined;
  /** The code block being taken out of the current result (`extract`), and the results that held one. */
  let extractor: CodeExtractor | undefined;
  const withCode = new Set<number>();
  const stderrColumns = options.stderrColumns ?? ((): number => stderr.columns || 80);
  const status = new StatusLine(stderr, stderrColumns);
  const started = Date.now();
  let waiting: WaitingLabel | 'waiting' = options.waiting ?? 'thinking';
  /** Until the first output, the wait shows on a live stderr, also after a retry's countdown ends. */
  let answered = false;
  /** Retries counted down so far: only the latest countdown hands back to the waiting line. */
  let retries = 0;
  const showWaiting = (): void => {
    if (!live || answered) return;
    status.show(() => color.dim(`${waiting}\u2026 ${formatSeconds(Date.now() - started)}`), REDRAW_MS);
  };

  /** Ends the status line and any open thinking, so the next output starts on a clean line. */
  const settleStderr = async (): Promise<void> => {
    await status.clear();
    const held = thinkingWrap?.end() ?? '';
    thinkingWrap = undefined;
    if (held !== '') await writeAll(stderr, color.dim(held));
    // A blank line parts the reasoning from what follows, without colour to tell them apart.
    if (thinkingEnd !== undefined) await writeAll(stderr, thinkingEnd === '\n' ? '\n' : '\n\n');
    thinkingEnd = undefined;
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
  /** Ends the rendered answer of the result before the next one, or at the end. */
  const finishBlocks = async (): Promise<void> => {
    const open = blocks;
    blocks = undefined;
    if (open) await open.finish();
  };
  /** Answer text to stdout; the status line ends first (with -x, it stays while prose is held back). */
  const writeAnswer = async (text: string): Promise<void> => {
    if (text === '') return;
    answered = true;
    await settleStderr();
    await writeAll(stdout, shown(text));
    lastChar = text.at(-1) ?? lastChar;
  };
  /** Ends the current result's extraction; `codeOnly` (a failure): its prose is not printed. */
  const finishExtract = async (codeOnly = false): Promise<void> => {
    const open = extractor;
    extractor = undefined;
    if (!open) return;
    const rest = open.end();
    if (rest.found) withCode.add(index);
    if (rest.found || !codeOnly) await writeAnswer(rest.text);
  };
  const hasCode = (result: InferenceResult): boolean =>
    options.json ? extractCode(result.text, options.extract ?? 'first') !== undefined : withCode.has(result.index);

  showWaiting();
  try {
    for await (const event of events) {
      switch (event.type) {
        case 'reasoning':
          // Only --json needs the whole text; otherwise a long answer streams in flat memory.
          if (options.json) entry(event.index).reasoning += event.text;
          if (options.showThinking && !options.json && event.text !== '') {
            answered = true;
            if (thinkingEnd === undefined) {
              await settleStderr();
              await writeAll(stderr, `${color.dim('thinking:')}\n`);
              // Wrapped at word ends on a terminal, which would otherwise cut words at its edge.
              if (stderr.isTTY === true && options.textLayout) thinkingWrap = new (await options.textLayout()).StreamedProse(stderrColumns);
            }
            const shownThinking = thinkingWrap ? thinkingWrap.push(terminalSafe(event.text)) : terminalSafe(event.text);
            if (shownThinking !== '') await writeAll(stderr, color.dim(shownThinking));
            thinkingEnd = event.text.at(-1);
          }
          break;
        case 'text':
          if (options.json) entry(event.index).text += event.text;
          if (options.json || event.text === '') break;
          if (event.index !== index) {
            await finishBlocks();
            await finishExtract();
            if (index >= 0) await writeAnswer(lastChar === '\n' ? '\n' : '\n\n');
            if (options.numberResults > 1) await writeAnswer(resultSeparator(event.index, options.numberResults));
            index = event.index;
            if (options.extract) extractor = new CodeExtractor(options.extract);
            else if (options.openBlocks) blocks = await options.openBlocks();
          }
          if (extractor) {
            await writeAnswer(extractor.push(event.text));
            break;
          }
          answered = true;
          await settleStderr();
          if (blocks) {
            await blocks.write(event.text);
            lastChar = '\n';
          } else {
            await writeAll(stdout, shown(event.text));
            lastChar = event.text.at(-1) ?? lastChar;
          }
          break;
        case 'retry': {
          if (!live) {
            await note(color.yellow(retryNotice(event.reason, event.delayMs, event.attempt)));
            break;
          }
          // On a terminal the wait counts down in place, then the waiting line comes back; Ctrl-C
          // stops it like any other phase.
          await settleStderr();
          if (options.textLayout && !/^[\x20-\x7e]*$/.test(event.reason)) status.measureWith((await options.textLayout()).textWidth);
          const until = Date.now() + event.delayMs;
          const countdown = ++retries;
          const line = (): string => color.yellow(retryCountdown(event.reason, Math.max(0, until - Date.now()), event.attempt));
          status.show(() => `${line()} ${color.dim('(Ctrl-C cancels)')}`, 100);
          setTimeout(() => {
            if (countdown === retries && status.active) showWaiting();
          }, event.delayMs).unref();
          break;
        }
        case 'pending':
          // A poll found the task running: no longer queued.
          waiting = 'waiting';
          break;
        case 'done':
          await finishExtract();
          answered = true;
          await settleStderr();
          await finishBlocks();
          if (options.json) {
            await writeAll(stdout, jsonAnswer(event.results, options.model, undefined, options.extract));
          } else if (lastChar !== '\n') {
            await writeAll(stdout, '\n');
          }
          for (const result of event.results) {
            const tag = event.results.length > 1 ? resultTag(result.index) : '';
            for (const line of [usageLine(result), costLine(result)]) if (line) await note(terminalSafe(`${tag}${line}`));
            const warning = finishWarning(result);
            if (warning) await note(color.yellow(`gemma: ${tag}${warning}`));
            if (options.extract && !hasCode(result)) await note(color.yellow(noCodeWarning(tag)));
          }
          return event.results;
      }
    }
    throw new GemmaError('the answer ended without a result', ExitCode.failure);
  } catch (error) {
    // A block cut short keeps what arrived of it; prose held back is not the code asked for.
    await finishExtract(true).catch(() => undefined);
    answered = true;
    await settleStderr();
    // What arrived of the open block is kept: printed as it is rendered.
    await finishBlocks().catch(() => undefined);
    if (options.json) {
      // --json always leaves one JSON document on stdout, of the success's shape: what arrived
      // of each result (often nothing) and the error. The error line still goes to stderr.
      const count = Math.max(options.numberResults, ...[...partial.keys()].map((i) => i + 1));
      const results = Array.from({length: count}, (_, i) => ({taskUUID: options.taskUUID, index: i, text: '', reasoning: '', ...partial.get(i), finishReason: null}));
      const failure = error instanceof GemmaError
        ? {message: error.message, ...(error instanceof ApiError ? {code: error.code} : {}), exitCode: error.exitCode}
        : {message: String(error), exitCode: ExitCode.failure};
      await writeAll(stdout, jsonAnswer(results, options.model, failure, options.extract));
    } else if (index >= 0 && lastChar !== '\n') {
      await writeAll(stdout, '\n');
    }
    throw error;
  }
}
