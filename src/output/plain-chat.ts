import type {InferenceResult} from '../api/types.js';
import type {ChatController} from '../chat/chat-controller.js';
import type {AssistantEntry, TranscriptEntry} from '../chat/chat-types.js';
import {shellEntryText} from '../chat/shell-output.js';
import {ExitCode} from '../errors.js';
import {resultSeparator, resultTag, retryNotice} from '../format/result-format.js';
import {CodeExtractor, extractCode, noCodeWarning, type ExtractMode} from './extract-code.js';
import {jsonAnswerLine} from './json-answer.js';
import {finishWarning} from './result-notes.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {writeAll, type TextSink} from './terminal.js';

export interface PlainChatOptions {
  /** `--json`: each answer is one line of JSON (the object `ask --json` prints) for this model. */
  json?: {model: () => string};
  /** `-x` / `--extract-last`: each answer prints only its first (last) code block, or with `json`, carries it as `code`. */
  extract?: ExtractMode;
}


/** An entry as the result `--json` describes. */
function resultOf(entry: AssistantEntry): InferenceResult {
  return {
    taskUUID: entry.taskUUID ?? '',
    index: entry.result?.index ?? 0,
    text: entry.text,
    reasoning: entry.reasoning,
    finishReason: entry.finishReason,
    ...(entry.usage ? {usage: entry.usage} : {}),
    ...(entry.cost === undefined ? {} : {cost: entry.cost}),
  };
}

/** A failed turn's partial text (if any) with the line that says why, as one JSON line. */
function failedJsonLine(entry: AssistantEntry | undefined, message: string, model: string, extract: ExtractMode | undefined): string {
  const partial = entry ? resultOf(entry) : {taskUUID: '', index: 0, text: '', reasoning: ''};
  return jsonAnswerLine({...partial, finishReason: null}, model, {message, exitCode: ExitCode.failure}, extract);
}

/**
 * `gemma chat` with no terminal: answers stream to stdout as plain text, one after another;
 * thinking (when shown), retries, notices and warnings go to stderr. No escape codes: stderr is
 * cleaned of terminal controls always, answers only when stdout is a terminal (to a pipe or a
 * file they are the user's data, unchanged). Returns a function that stops listening and says
 * whether any error was reported. Answers are separated by a blank line, so a script can split
 * them; with `json`, each is one line instead and nothing else reaches stdout.
 */
export function printPlainChat(chat: ChatController, stdout: TextSink, stderr: TextSink, options: PlainChatOptions = {}): () => boolean {
  const answer = stdout.isTTY === true ? terminalSafe : (text: string): string => text;
  const {json, extract} = options;
  /** The code block being taken out of the answer streaming now (`extract`). */
  let extractor: CodeExtractor | undefined;
  /** Some answer is on stdout already: the next one starts after a blank line. */
  let answered = false;
  /** A failed answer's partial text, held until its error line (in `json`, the two make one line). */
  let failedAnswer: AssistantEntry | undefined;
  let streamed = 0;
  let endsWithNewline = true;
  let thinking = false;
  let retryAt: number | undefined;
  let seen = chat.getSnapshot().entries.length;
  let failed = false;

  const endThinking = (): void => {
    if (thinking) stderr.write('\n');
    thinking = false;
  };
  const startAnswer = (): void => {
    if (answered) stdout.write('\n');
    answered = true;
  };
  const printJson = (entry: AssistantEntry, model: string): void => {
    if (entry.failed) failedAnswer = entry;
    else stdout.write(jsonAnswerLine(resultOf(entry), model, undefined, extract));
  };
  const printAnswer = (entry: AssistantEntry): void => {
    endThinking();
    const found = json ? extract !== undefined && extractCode(entry.text, extract) !== undefined : printText(entry);
    if (json) printJson(entry, json.model());
    // An interruption or a failure is reported by its own line; a cut is a warning of its own.
    const whole = !entry.interrupted && !entry.failed;
    const warning = whole ? finishWarning(entry) : undefined;
    if (warning) stderr.write(`gemma: ${warning}\n`);
    if (extract && whole && !found) stderr.write(`${noCodeWarning(entry.result && entry.result.of > 1 ? resultTag(entry.result.index) : '')}\n`);
  };
  /**
   * With `extract`, the rest of the answer's code (or the whole answer, when it held none and
   * ended on its own: a failed one's prose is not the code asked for). Says whether it held a block.
   */
  const extractedRest = (entry: AssistantEntry, mode: ExtractMode): {rest: string; found: boolean} => {
    const open = extractor ?? new CodeExtractor(mode);
    const now = extractor ? '' : open.push(entry.text);
    extractor = undefined;
    const end = open.end();
    const rest = end.found || (!entry.failed && !entry.interrupted) ? end.text : '';
    return {rest: now + rest, found: end.found};
  };
  /** Prints what of the answer is not out yet; says whether it held a code block (`extract`). */
  const printText = (entry: AssistantEntry): boolean => {
    const header = entry.result && entry.result.of > 1 ? resultSeparator(entry.result.index, entry.result.of) : '';
    const extracted = extract ? extractedRest(entry, extract) : undefined;
    // Streamed answers are already out; answers that arrive whole (sync, async, -n) print here.
    const rest = extracted ? extracted.rest : streamed > 0 ? '' : entry.text;
    if (streamed === 0 && (header || rest)) startAnswer();
    if (header) stdout.write(header);
    if (rest) {
      stdout.write(answer(rest));
      endsWithNewline = rest.endsWith('\n');
    }
    if ((streamed > 0 || rest !== '') && !endsWithNewline) stdout.write('\n');
    endsWithNewline = true;
    streamed = 0;
    return extracted?.found ?? false;
  };
  const printEntry = (entry: TranscriptEntry): void => {
    // Earlier answers shown again by /resume are the user's to scroll back to, not new output.
    if (entry.kind === 'assistant') return entry.restored ? undefined : printAnswer(entry);
    // A `!` command's output is not an answer: stderr, made inert, like every other notice.
    if (entry.kind === 'shell') return void stderr.write(terminalSafe(shellEntryText(entry)) + (entry.attached === undefined ? '' : '\n'));
    if (entry.kind !== 'notice') return;
    endThinking();
    if (entry.level === 'error') failed = true;
    if (json && entry.turnFailed && entry.level === 'error') stdout.write(failedJsonLine(failedAnswer, entry.text, json.model(), extract));
    failedAnswer = undefined;
    if (entry.turnFailed) extractor = undefined;
    // A failed turn's error is its one line (the error itself marks it); a cancel says it is not context.
    const mark = entry.turnFailed && entry.level === 'info' ? '; not sent as context' : '';
    stderr.write(`${entry.level === 'info' ? '' : `gemma: ${entry.level === 'error' ? '' : 'warning: '}`}${terminalSafe(entry.text)}${mark}\n`);
  };
  // writeAll waits while a stream is full: the answer waits for its reader, in flat memory.
  const onDelta = (kind: 'text' | 'reasoning', text: string): Promise<void> | undefined => {
    // --json carries the reasoning and the text in its line, once the answer is whole.
    if (json) return undefined;
    if (kind === 'reasoning') {
      if (!chat.getSnapshot().showThinking) return undefined;
      thinking = true;
      return writeAll(stderr, terminalSafe(text));
    }
    endThinking();
    // With -x, only the block's lines go out as they complete; the rest waits for the answer's end.
    if (extract) extractor ??= new CodeExtractor(extract);
    const out = extractor ? extractor.push(text) : text;
    if (out === '') return undefined;
    if (streamed === 0) startAnswer();
    streamed += out.length;
    endsWithNewline = out.endsWith('\n');
    return writeAll(stdout, answer(out));
  };
  const onChange = (): void => {
    const snapshot = chat.getSnapshot();
    const live = snapshot.live;
    if (live?.phase === 'retrying' && live.retryAt !== retryAt) {
      retryAt = live.retryAt;
      endThinking();
      stderr.write(`${retryNotice(live.retryReason ?? 'failed', (live.retryAt ?? Date.now()) - Date.now(), live.retryAttempt ?? 2)}\n`);
    }
    for (; seen < snapshot.entries.length; seen++) {
      const entry = snapshot.entries[seen];
      if (entry) printEntry(entry);
    }
  };
  // Warnings raised before printing began (a resumed session with a torn line) still go out.
  for (const entry of chat.getSnapshot().entries) if (entry.kind === 'notice' && entry.level !== 'info') printEntry(entry);
  const stopDeltas = chat.onDelta(onDelta);
  const unsubscribe = chat.subscribe(onChange);
  return () => {
    stopDeltas();
    unsubscribe();
    return failed;
  };
}
