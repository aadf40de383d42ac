import type {TranscriptEntry} from '../../chat/chat-types.js';

/** How the answer (or `!` command) that was running ended, read from the entries it appended. */
export type TurnOutcome = 'pending' | 'answered' | 'cancelled' | 'failed';

/**
 * The outcome of the turn whose entries start at `from`. The session may clear `live` one update
 * before it appends the answer, so no ending entry yet is `pending`, not an answer. A turn ends
 * with its answer (kept, interrupted or cut by an error), or, with no text, a notice that marks it
 * failed: an error, or a cancel before the first token.
 */
export function turnOutcome(entries: readonly TranscriptEntry[], from: number): TurnOutcome {
  for (let index = from; index < entries.length; index++) {
    const entry = entries[index] as TranscriptEntry;
    switch (entry.kind) {
      case 'assistant':
        return entry.failed ? 'failed' : entry.interrupted ? 'cancelled' : 'answered';
      case 'notice':
        if (entry.level === 'error') return 'failed';
        if (entry.turnFailed) return 'cancelled';
        break;
      case 'shell':
        // A `!` or `/run` that ended on its own is done, whatever its exit code; one stopped is a cancel.
        return entry.cancelled ? 'cancelled' : 'answered';
      case 'user':
        break;
    }
  }
  return 'pending';
}
