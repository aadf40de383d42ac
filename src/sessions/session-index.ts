import {existsSync, readdirSync} from 'node:fs';
import {UsageError} from '../errors.js';
import {readBlob} from './blob-store.js';
import {readSession} from './read-session.js';
import {replaySession, type ReplayedSession} from './replay-session.js';
import {sessionFile, sessionsDir} from './session-paths.js';

export interface StoredSession extends ReplayedSession {
  path: string;
  skipped: number;
  skippedLines: number[];
}

export function loadSession(dataDir: string, id: string): StoredSession {
  const path = sessionFile(dataDir, id);
  const {events, skipped, skippedLines} = readSession(path);
  return {...replaySession(events, id, (sha256) => readBlob(dataDir, sha256)), path, skipped, skippedLines};
}

/** When a session was last talked in: its last question or answer, else when it began. */
export function lastTalkedAt(session: ReplayedSession): string {
  return session.lastMessageAt ?? session.createdAt ?? '';
}

/**
 * Every stored session, the one last talked in first (what `-c` continues). Bookkeeping (a
 * rename, a /set) does not count: renaming an old chat must not make it the latest.
 */
export function listSessions(dataDir: string): StoredSession[] {
  let files: string[];
  try {
    files = readdirSync(sessionsDir(dataDir)).filter((file) => file.endsWith('.jsonl'));
  } catch {
    return [];
  }
  const sessions = files.flatMap((file) => {
    const id = file.slice(0, -'.jsonl'.length);
    try {
      return [loadSession(dataDir, id)];
    } catch (error) {
      // Removed since the folder was read (`sessions rm` meanwhile): gone, not broken. A file
      // that is there but cannot be read is named: skipped, its name would go to a new session.
      if (!existsSync(sessionFile(dataDir, id))) return [];
      throw error;
    }
  });
  return sessions.sort((a, b) => lastTalkedAt(b).localeCompare(lastTalkedAt(a)) || b.id.localeCompare(a.id));
}

/**
 * A session by name, id, or a unique start of its id. An empty key is refused (it starts every
 * id: `sessions rm ""` must not pick one), and so is a start several ids share, naming them.
 */
export function findSession(dataDir: string, key: string): StoredSession | undefined {
  if (key.trim() === '') throw new UsageError(`${JSON.stringify(key)} is not a session name or id; see gemma sessions list`);
  const sessions = listSessions(dataDir);
  const exact = sessions.find((session) => session.name === key || session.id === key);
  if (exact) return exact;
  const prefixed = sessions.filter((session) => session.id.startsWith(key));
  if (prefixed.length > 1) {
    const names = prefixed.map((session) => session.name ?? session.id).join(', ');
    throw new UsageError(`${JSON.stringify(key)} matches ${prefixed.length} sessions: ${names}; give more of the id, or the name`);
  }
  return prefixed[0];
}

/** The session a new name would collide with: one of that name or that exact id (never a prefix). */
export function findNamedSession(dataDir: string, name: string): StoredSession | undefined {
  return listSessions(dataDir).find((session) => session.name === name || session.id === name);
}

export function requireSession(dataDir: string, key: string): StoredSession {
  const found = findSession(dataDir, key);
  if (!found) throw new UsageError(`no session named or with id ${JSON.stringify(key)}; see gemma sessions list`);
  return found;
}
