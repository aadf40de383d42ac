import type {StoredSession} from '../sessions/session-index.js';
import {SessionWriter} from '../sessions/session-writer.js';
import type {ChatSession} from './chat-session.js';

/**
 * Continues a stored conversation: what is sent next is exactly the stored conversation after its
 * last /clear, the chat's own /set values come back (flags given now win), the earlier turns are
 * shown, and new events append to the same file (locked against a second writer).
 */
export function resumeSession(session: ChatSession, stored: StoredSession, options: {dataDir: string; save: boolean}): void {
  const writer = options.save ? new SessionWriter(options.dataDir, stored.id, stored.name) : undefined;
  writer?.open();
  session.closeRecorder();
  session.recorder = writer;
  session.conversation.restore(stored.messages);
  session.session.clear();
  for (const [name, value] of stored.settings) if (!session.flags.has(name)) session.session.set(name, value);
  session.update({showThinking: session.settings().get('showThinking')?.value === true});
  session.refreshHeader();
  const label = stored.name ?? stored.id;
  session.append(...stored.messages.map((message) =>
    message.role === 'user'
      ? {kind: 'user' as const, text: message.content}
      : {kind: 'assistant' as const, text: message.content, reasoning: '', finishReason: 'stop' as const, interrupted: false, timing: {totalMs: 0}, restored: true}));
  session.notice(`resumed session ${label}: ${stored.messages.length} messages will be sent as context`);
  if (stored.skipped > 0) session.notice(`skipped ${stored.skipped} unreadable line(s) in ${stored.path} (a write torn by a crash)`, 'warning');
}
