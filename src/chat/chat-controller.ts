import type {ChatSnapshot} from './chat-types.js';

/**
 * What the terminal UI drives. The snapshot is immutable and replaced on every change, so it
 * works with React's useSyncExternalStore; `entries` keeps its identity until an entry is added.
 */
export interface ChatController {
  getSnapshot(): ChatSnapshot;
  subscribe(listener: () => void): () => void;
  /** A message, or a /command (all but /edit, which the input handles itself). */
  submit(input: string): void;
  /** Cancels the generation in flight (or a retry countdown); false when nothing was running. */
  cancel(): boolean;
  /** Words Tab completes: `/help`, `/set`, … and, after `/set ` or `/unset `, setting names. */
  completions(): readonly string[];
}
