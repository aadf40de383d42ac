import {terminalSafe} from '../text/terminal-safe.js';
import {readSession} from './read-session.js';
import type {StoredSession} from './session-index.js';

export interface SessionHit {
  session: StoredSession;
  /** The matching line, trimmed around the match, terminal controls in it made visible. */
  context: string;
}

/** Sessions whose turns contain `text` (any case), newest first, with the first match in context. */
export function searchSessions(sessions: readonly StoredSession[], text: string): SessionHit[] {
  const needle = text.toLowerCase();
  const hits: SessionHit[] = [];
  for (const session of sessions) {
    for (const event of readSession(session.path).events) {
      if (event.type !== 'user' && event.type !== 'assistant') continue;
      const line = event.text.split('\n').find((candidate) => candidate.toLowerCase().includes(needle));
      if (line === undefined) continue;
      const at = line.toLowerCase().indexOf(needle);
      const start = Math.max(0, at - 40);
      const end = Math.min(line.length, at + needle.length + 40);
      const who = event.type === 'user' ? 'you' : 'gemma';
      hits.push({session, context: `${who}: ${start > 0 ? '...' : ''}${terminalSafe(line.slice(start, end).trim())}${end < line.length ? '...' : ''}`});
      break;
    }
  }
  return hits;
}
