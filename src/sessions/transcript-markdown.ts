import type {ChatMessage} from '../api/types.js';
import type {SessionEvent} from './session-events.js';

const HEADINGS = {user: 'You', assistant: 'Gemma'} as const;

/** `## You` / `## Gemma` sections: what /save writes and `sessions export --format md` prints. */
export function messagesMarkdown(messages: readonly ChatMessage[]): string {
  return messages.map((m) => `## ${HEADINGS[m.role]}\n\n${m.content.trim()}\n`).join('\n');
}

/** A whole session, earlier conversations and /clear marks included. */
export function eventsMarkdown(events: readonly SessionEvent[], title: string): string {
  const parts = [`# ${title}\n`];
  for (const event of events) {
    if (event.type === 'user' || event.type === 'assistant') {
      const role = event.type;
      const marks = event.type === 'assistant' && event.interrupted ? ' (interrupted)' : '';
      parts.push(`## ${HEADINGS[role]}${marks}\n\n${event.text.trim()}\n`);
    } else if (event.type === 'clear') {
      parts.push('---\n\n*(new conversation)*\n');
    }
  }
  return parts.join('\n');
}
