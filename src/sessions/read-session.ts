import {readFileSync} from 'node:fs';
import type {SessionEvent} from './session-events.js';

export interface SessionRead {
  events: SessionEvent[];
  /** Lines that could not be parsed (a torn last line after a crash); skipped, never fatal. */
  skipped: number;
}

/** Reads a session file; a line that is not a JSON event is skipped and counted. */
export function readSession(path: string): SessionRead {
  const events: SessionEvent[] = [];
  let skipped = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const event = JSON.parse(line) as SessionEvent;
      if (typeof event === 'object' && event !== null && typeof event.type === 'string') events.push(event);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return {events, skipped};
}
