import type {ChatController} from '../chat/chat-controller.js';
import type {AssistantEntry, TranscriptEntry} from '../chat/chat-types.js';
import {resultSeparator, retryNotice} from '../format/result-format.js';
import {finishWarning} from './result-notes.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {writeAll, type TextSink} from './terminal.js';

/**
 * `gemma chat` with no terminal: answers stream to stdout as plain text, one after another;
 * thinking (when shown), retries, notices and warnings go to stderr. No escape codes: stderr is
 * cleaned of terminal controls always, answers only when stdout is a terminal (to a pipe or a
 * file they are the user's data, unchanged). Returns a function that stops listening and says
 * whether any error was reported.
 */
export function printPlainChat(chat: ChatController, stdout: TextSink, stderr: TextSink): () => boolean {
  const answer = stdout.isTTY === true ? terminalSafe : (text: string): string => text;
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
  const printAnswer = (entry: AssistantEntry): void => {
    endThinking();
    if (entry.result && entry.result.of > 1) stdout.write(resultSeparator(entry.result.index, entry.result.of));
    // Streamed answers are already out; answers that arrive whole (sync, async, -n) print here.
    const rest = streamed > 0 ? '' : entry.text;
    if (rest) {
      stdout.write(answer(rest));
      endsWithNewline = rest.endsWith('\n');
    }
    if ((streamed > 0 || rest !== '') && !endsWithNewline) stdout.write('\n');
    endsWithNewline = true;
    streamed = 0;
    // An interruption or a failure is reported by its own line; a cut is a warning of its own.
    const warning = entry.interrupted || entry.failed ? undefined : finishWarning(entry);
    if (warning) stderr.write(`gemma: ${warning}\n`);
  };
  const printEntry = (entry: TranscriptEntry): void => {
    // Earlier answers shown again by /resume are the user's to scroll back to, not new output.
    if (entry.kind === 'assistant') return entry.restored ? undefined : printAnswer(entry);
    if (entry.kind !== 'notice') return;
    endThinking();
    if (entry.level === 'error') failed = true;
    // A failed turn's error is its one line (the error itself marks it); a cancel says it is not context.
    const mark = entry.turnFailed && entry.level === 'info' ? '; not sent as context' : '';
    stderr.write(`${entry.level === 'info' ? '' : `gemma: ${entry.level === 'error' ? '' : 'warning: '}`}${terminalSafe(entry.text)}${mark}\n`);
  };
  // writeAll waits while a stream is full: the answer waits for its reader, in flat memory.
  const onDelta = (kind: 'text' | 'reasoning', text: string): Promise<void> | undefined => {
    if (kind === 'reasoning') {
      if (!chat.getSnapshot().showThinking) return undefined;
      thinking = true;
      return writeAll(stderr, terminalSafe(text));
    }
    endThinking();
    streamed += text.length;
    endsWithNewline = text.endsWith('\n');
    return writeAll(stdout, answer(text));
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
