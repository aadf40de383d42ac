import type {StoredSession} from '../sessions/session-index.js';
import {openStoredSession} from '../sessions/open-session.js';
import {skippedWarning} from '../sessions/read-session.js';
import type {ChatSession} from './chat-session.js';

/**
 * Continues a stored conversation: what is sent next is exactly the stored conversation after its
 * last /clear (answered turns only), the chat's own /set values come back (flags given now win),
 * the earlier turns are shown, and new events append to the same file. The file is locked first
 * and read again under the lock, so a gemma that wrote to it meanwhile is not missed.
 */
export function resumeSession(session: ChatSession, found: StoredSession, options: {dataDir: string; save: boolean}): void {
  // Resuming the session this chat is writing: its lock is ours, release it before taking it again.
  if (session.recorder?.id === found.id) session.closeRecorder();
  const opened = options.save ? openStoredSession(options.dataDir, found) : undefined;
  const stored = opened?.session ?? found;
  session.closeRecorder();
  session.recorder = opened?.writer;
  session.restore(stored.messages, stored.failedPrompt?.text);
  session.session.clear();
  for (const [name, value] of stored.settings) if (!session.flags.has(name)) session.session.set(name, value);
  session.update({showThinking: session.settings().boolean('showThinking')});
  session.refreshHeader();
  const label = stored.name ?? stored.id;
  // One append, the failed turn included: the terminal UI prints these as one piece of scrollback.
  const restored = {session: label};
  const failed = stored.failedPrompt;
  session.append(
    ...stored.messages.map((message) =>
      message.role === 'user'
        ? {kind: 'user' as const, text: message.content, restored}
        : {kind: 'assistant' as const, text: message.content, reasoning: '', finishReason: 'stop' as const, interrupted: false, timing: {totalMs: 0}, restored}),
    ...(failed ? [{kind: 'user' as const, text: failed.text, restored}, {kind: 'notice' as const, level: 'info' as const, text: failed.reason, turnFailed: true, restored}] : []),
  );
  session.notice(`resumed session ${label}: ${stored.messages.length} messages will be sent as context`);
  if (stored.skipped > 0) session.notice(skippedWarning(stored.path, stored.skippedLines), 'warning');
}
