import {useCallback} from 'react';
import {useStdin} from 'ink';

/** One event of ink's input stream: a single escape sequence, or a run of text, as typed. */
export type InkInputListener = (input: string) => void;

export interface InkInput {
  /** Listens to ink's input events (while raw mode is on); returns the way to stop. Stable across renders. */
  subscribe(listener: InkInputListener): () => void;
  /** Ink's reference-counted raw mode: input events flow only while some component holds it. */
  setRawMode(enabled: boolean): void;
}

/**
 * The one place that names ink's undocumented `internal_eventEmitter` (its stdin context's feed of
 * parsed input, the one `useInput` listens to). test/unit/ink-input-events.test.tsx pins what gemma
 * relies on, so an ink upgrade that changes it fails there, loudly, instead of in the prompt.
 */
export function useInkInput(): InkInput {
  const {internal_eventEmitter: events, setRawMode} = useStdin();
  if (typeof events?.on !== 'function') {
    throw new Error("ink's stdin context has no internal_eventEmitter: gemma's prompt reads keys through it (src/ui/input/ink-input-events.ts)");
  }
  const subscribe = useCallback(
    (listener: InkInputListener) => {
      events.on('input', listener);
      return () => {
        events.removeListener('input', listener);
      };
    },
    [events],
  );
  return {subscribe, setRawMode};
}
