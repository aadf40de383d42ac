import {useEffect, useRef, useState} from 'react';
import type {ChatSnapshot} from '../../chat/chat-types.js';
import {turnOutcome} from './turn-outcome.js';

/** Queued messages handed back to the prompt, unsent, because the answer they waited for did not end well. */
export interface ReturnedDraft {
  /** Grows with each hand-back, so the prompt takes each once. */
  id: number;
  text: string;
  why: 'cancelled' | 'failed';
}

export interface QueuedMessages {
  /** Waiting for the answer in flight, oldest first. */
  queued: readonly string[];
  queue(text: string): void;
  returned: ReturnedDraft | undefined;
}

/**
 * Messages entered while an answer streams. They are sent, in order, once it is answered; when it
 * is cancelled or fails they are not sent (a follow-up to an answer that never came rarely makes
 * sense) but handed back to the prompt, so nothing typed is lost. Codex and Claude Code do the same.
 */
export function useQueuedMessages(snapshot: ChatSnapshot, submit: (text: string) => void): QueuedMessages {
  const [queued, setQueued] = useState<readonly string[]>([]);
  const [returned, setReturned] = useState<ReturnedDraft | undefined>(undefined);
  // Where the entries of the answer the queue waits for begin.
  const from = useRef(0);
  const latest = useRef(snapshot);
  latest.current = snapshot;

  const queue = (text: string): void => {
    const current = latest.current;
    // The answer ended between the key and this call: nothing to wait for.
    if (current.live === null) return submit(text);
    setQueued((before) => {
      if (before.length === 0) from.current = current.entries.length;
      return [...before, text];
    });
  };

  useEffect(() => {
    if (queued.length === 0 || snapshot.live !== null) return;
    const outcome = turnOutcome(snapshot.entries, from.current);
    if (outcome === 'pending') return;
    setQueued([]);
    if (outcome === 'answered') {
      for (const text of queued) submit(text);
      return;
    }
    setReturned((before) => ({id: (before?.id ?? 0) + 1, text: queued.join('\n'), why: outcome}));
  }, [queued, snapshot, submit]);

  return {queued, queue, returned};
}
