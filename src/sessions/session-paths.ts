import {randomBytes} from 'node:crypto';
import {join} from 'node:path';

/** Sessions live in `<data dir>/sessions/<id>.jsonl`. */
export function sessionsDir(dataDir: string): string {
  return join(dataDir, 'sessions');
}

export function sessionFile(dataDir: string, id: string): string {
  return join(sessionsDir(dataDir), `${id}.jsonl`);
}

/**
 * A sortable, readable id: 20261126-064930-3fa29c1e5b7d. 48 random bits (crypto) per second: a
 * hundred chats started in the same second practically never collide, and the writer
 * creates the file exclusively and takes another id when one is taken anyway.
 */
export function newSessionId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(6).toString('hex')}`;
}

/** Names are used on the command line and in file listings: keep them simple. */
export const SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
