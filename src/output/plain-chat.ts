import type {AssistantEntry, ChatSnapshot, TranscriptEntry} from '../chat/chat-types.js';
import type {ChatController} from '../chat/chat-controller.js';
import {finishWarning} from './result-notes.js';
import type {TextSink} from './terminal.js';

/**
 * `gemma chat` with no terminal: answers go to stdout as plain text, streamed, one after another;
 * notices and warnings to stderr. No escape codes. Returns a function that stops listening and
 * says whether any error was reported.
 */
export function printPlainChat(controller: ChatController, stdout: TextSink, stderr: TextSink): () => boolean {
  let printed = 0;
  let seen = controller.getSnapshot().entries.length;
  let failed = false;

  const printAnswer = (entry: AssistantEntry): void => {
    if (entry.result && entry.result.of > 1) stdout.write(`--- result ${entry.result.index + 1} of ${entry.result.of} ---\n`);
    const rest = entry.result && entry.result.index > 0 ? entry.text : entry.text.slice(printed);
    stdout.write(`${rest}${entry.text.endsWith('\n') ? '' : '\n'}`);
    printed = 0;
    const warning = entry.interrupted ? 'warning: the answer was interrupted' : finishWarning(entry);
    if (warning) stderr.write(`gemma: ${warning}\n`);
  };
  const printEntry = (entry: TranscriptEntry): void => {
    if (entry.kind === 'assistant') printAnswer(entry);
    else if (entry.kind === 'notice') {
      if (entry.level === 'error') failed = true;
      stderr.write(`${entry.level === 'info' ? '' : `gemma: ${entry.level === 'error' ? '' : 'warning: '}`}${entry.text}\n`);
    }
  };
  const onChange = (): void => {
    const snapshot: ChatSnapshot = controller.getSnapshot();
    if (snapshot.live && snapshot.live.text.length > printed) {
      stdout.write(snapshot.live.text.slice(printed));
      printed = snapshot.live.text.length;
    }
    for (; seen < snapshot.entries.length; seen++) {
      const entry = snapshot.entries[seen];
      if (entry) printEntry(entry);
    }
  };
  // Warnings raised before printing began (a resumed session with a torn line) still go out.
  for (const entry of controller.getSnapshot().entries) if (entry.kind === 'notice' && entry.level !== 'info') printEntry(entry);
  const unsubscribe = controller.subscribe(onChange);
  return () => {
    unsubscribe();
    return failed;
  };
}
