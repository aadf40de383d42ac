import {UsageError} from '../errors.js';
import {blobsDir} from './blob-store.js';
import {replaySession} from './replay-session.js';
import {findSession, listSessions, loadSession, type StoredSession} from './session-index.js';
import {newSessionId, SESSION_NAME} from './session-paths.js';
import {SessionWriter} from './session-writer.js';
import {missingFilesError} from './user-content.js';

export interface OpenedSession {
  /** The session as it stands under the lock: what is sent is exactly what is recorded after it. */
  session: StoredSession;
  writer: SessionWriter;
}

/**
 * Locks a stored session for writing, then reads it again: another gemma may have added turns
 * since `stored` was read (two `ask -c` at once). A live holder of the lock is the one-line
 * "open in another gemma" error, before anything is sent.
 */
export function openStoredSession(dataDir: string, stored: Pick<StoredSession, 'id' | 'name'>): OpenedSession {
  const writer = new SessionWriter(dataDir, stored.id, stored.name);
  writer.open();
  try {
    const session = loadSession(dataDir, stored.id);
    requireAttachedFiles(dataDir, session);
    return {session, writer};
  } catch (error) {
    writer.close();
    throw error;
  }
}

/** A resume sends what was sent, or nothing: a file attached to it whose content is gone is an error naming it. */
export function requireAttachedFiles(dataDir: string, session: StoredSession): void {
  const error = missingFilesError(session.name ?? session.id, session.missingFiles, blobsDir(dataDir));
  if (error) throw error;
}

/** The conversation last talked in (`-c`); a usage error when there is none yet. */
export function latestSession(dataDir: string): StoredSession {
  const latest = listSessions(dataDir)[0];
  if (!latest) throw new UsageError('there is no chat session to continue yet; start one with `gemma chat`');
  return latest;
}

/** The conversation last talked in, locked and read under the lock (`ask -c`). */
export function openLatestSession(dataDir: string): OpenedSession {
  return openStoredSession(dataDir, latestSession(dataDir));
}

/** `--session <name>` (chat and ask): a name gemma can store and the command line can carry. */
export function checkSessionName(name: string): void {
  if (!SESSION_NAME.test(name)) {
    throw new UsageError(`--session: "${name}" is not a usable name; allowed: letters, digits, ".", "_" and "-", up to 64, starting with a letter or digit`);
  }
}

/**
 * `ask --session <name>`: the session of that name (or id) locked and read, as `-c` opens the
 * latest; a new one named so when there is none. Its file is created with the first line
 * written, so a question refused before it is sent leaves nothing behind.
 */
export function openNamedSession(dataDir: string, key: string): OpenedSession {
  checkSessionName(key);
  const stored = findSession(dataDir, key);
  return stored ? openStoredSession(dataDir, stored) : openNewSession(dataDir, key);
}

/** A session not written yet (`saveAsk`: unnamed; its first question is its title in listings). */
export function openNewSession(dataDir: string, name?: string): OpenedSession {
  // Claims the name at once: a second gemma creating the same name is refused before it sends.
  const writer = new SessionWriter(dataDir, newSessionId(), name);
  const session: StoredSession = {...replaySession([], writer.id), name, path: writer.path, skipped: 0, skippedLines: []};
  return {session, writer};
}
