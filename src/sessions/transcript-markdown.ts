import type {ChatMessage} from '../api/types.js';
import {answerContext, NO_ANSWER_REASON} from './answer-event.js';
import type {SessionEvent} from './session-events.js';
import {userContent, type BlobReader} from './user-content.js';

const HEADINGS = {user: 'You', assistant: 'Gemma'} as const;

/** `## You` / `## Gemma` sections: what /save writes and `sessions export --format md` prints. */
export function messagesMarkdown(messages: readonly ChatMessage[]): string {
  return messages.map((m) => `## ${HEADINGS[m.role]}\n\n${m.content.trim()}\n`).join('\n');
}

/** The line under a turn that is not sent as context: `*(failed: <message>; not sent as context)*`. */
function unsentMark(reason: string): string {
  return `*(${reason}; not sent as context)*\n`;
}

/**
 * A whole session, earlier conversations, /clear and compaction marks included. A turn that failed, was
 * cancelled before any text, or has no answer (a crash) gets a mark under it. Attached files are
 * put back from the blob store, as they were sent (a missing one is marked in its block).
 */
export function eventsMarkdown(events: readonly SessionEvent[], title: string, readBlob?: BlobReader): string {
  const parts = [`# ${title}\n`];
  let unanswered = false;
  const closeQuestion = (): void => {
    if (unanswered) parts.push(unsentMark(NO_ANSWER_REASON));
    unanswered = false;
  };
  for (const event of events) {
    if (event.type === 'user') {
      closeQuestion();
      parts.push(`## ${HEADINGS.user}\n\n${(readBlob ? userContent(event, readBlob).content : event.text).trim()}\n`);
      unanswered = true;
    } else if (event.type === 'assistant') {
      unanswered = false;
      const context = answerContext(event);
      if (event.text.trim() !== '') parts.push(`## ${HEADINGS.assistant}${event.interrupted ? ' (interrupted)' : ''}\n\n${event.text.trim()}\n`);
      if (!context.sent) parts.push(unsentMark(context.reason));
    } else if (event.type === 'compact') {
      const mark = '*(the turns above were summarized: from here on the summary is sent in their place)*\n';
      // An automatic compaction comes between a question and its answer: its mark goes above the question.
      if (unanswered) parts.splice(parts.length - 1, 0, mark);
      else parts.push(mark);
    } else if (event.type === 'clear') {
      closeQuestion();
      parts.push('---\n\n*(new conversation)*\n');
    }
  }
  closeQuestion();
  return parts.join('\n');
}
