import type {StoredSession} from '../sessions/session-index.js';
import type {NewEntry} from './snapshot-store.js';

/**
 * A stored conversation's turns as transcript entries, shown again when it is resumed: its
 * messages, then the question its last turn failed to answer, marked. They are one append, the
 * failed turn included: the terminal UI prints them as one piece of scrollback.
 */
export function restoredEntries(stored: StoredSession): NewEntry[] {
  const restored = {session: stored.name ?? stored.id};
  const failed = stored.failedPrompt;
  return [
    ...stored.messages.map((message): NewEntry =>
      message.role === 'user'
        ? {kind: 'user', text: message.content, restored}
        : {kind: 'assistant', text: message.content, reasoning: '', finishReason: 'stop', interrupted: false, timing: {totalMs: 0}, restored}),
    ...(failed ? [{kind: 'user', text: failed.text, restored}, {kind: 'notice', level: 'info', text: failed.reason, turnFailed: true, restored}] as NewEntry[] : []),
  ];
}
