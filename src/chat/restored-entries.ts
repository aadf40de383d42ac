import type {StoredSession} from '../sessions/session-index.js';
import {entryFiles} from './attachments-record.js';
import type {EntryFile} from './chat-types.js';
import type {NewEntry} from './snapshot-store.js';

/** A stored message's attached files, each shown as one line again. */
function filesOf(stored: StoredSession, content: string): {files?: EntryFile[]} {
  const texts = stored.attachedFiles.get(content);
  return texts ? {files: entryFiles({texts: [...texts], images: [], videos: []})} : {};
}

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
        ? {kind: 'user', text: message.content, ...filesOf(stored, message.content), restored}
        : {kind: 'assistant', text: message.content, reasoning: '', finishReason: 'stop', interrupted: false, timing: {totalMs: 0}, restored}),
    ...(failed ? [{kind: 'user', text: failed.text, ...filesOf(stored, failed.text), restored}, {kind: 'notice', level: 'info', text: failed.reason, turnFailed: true, restored}] as NewEntry[] : []),
  ];
}
