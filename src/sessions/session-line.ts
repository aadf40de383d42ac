import {terminalSafe} from '../text/terminal-safe.js';
import {lastTalkedAt, type StoredSession} from './session-index.js';

function oneLine(text: string | undefined, width: number): string {
  const flat = terminalSafe((text ?? '').replace(/\s+/g, ' ').trim());
  return flat.length > width ? `${flat.slice(0, width - 3)}...` : flat;
}

/**
 * `name-or-id  2026-11-26 06:49  3 turns  first prompt…`, as `sessions list` and /sessions show
 * it: the time is when it was last talked in (what the list is ordered by), turns are answered ones.
 * Name and prompt come from a session file, which anyone may have edited: terminal controls in
 * them are shown, not obeyed.
 */
export function sessionLine(session: StoredSession): string {
  const when = lastTalkedAt(session).replace('T', ' ').slice(0, 16);
  const turns = `${session.answers} turn${session.answers === 1 ? '' : 's'}`;
  return `${terminalSafe(session.name ?? session.id).padEnd(22)}  ${when}  ${turns.padEnd(9)}  ${oneLine(session.firstPrompt, 50)}`;
}
