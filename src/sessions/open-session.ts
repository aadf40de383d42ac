import {UsageError} from '../errors.js';
import {blobsDir} from './blob-store.js';
import {listSessions, loadSession, type StoredSession} from './session-index.js';
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
