import type {ChatSnapshot} from './chat-types.js';

/** Hears each piece of a streaming answer; a promise back means "wait until my output drains". */
export type DeltaListener = (kind: 'text' | 'reasoning', text: string) => void | Promise<void>;

/**
 * What the terminal UI and the plain line mode drive. The snapshot is immutable and replaced on
 * every change, so it works with React's useSyncExternalStore; `entries` keeps its identity until
 * an entry is added.
 */
export interface ChatController {
  getSnapshot(): ChatSnapshot;
  subscribe(listener: () => void): () => void;
  /**
   * Each piece of the answer as it arrives (for a stream, what one network read brought: one
   * write per read, not per token). The plain line mode prints these: slicing the growing
   * live text instead would flatten it on every token and cost quadratic time on long answers.
   * A listener may return a promise (its output is full): the stream waits for it, so a slow
   * reader of stdout holds the answer back instead of gemma queueing it in memory.
   */
  onDelta(listener: DeltaListener): () => void;
  /** A message, or a /command (all but /edit, which the input handles itself). */
  submit(input: string): void;
  /** Cancels the generation in flight (or a retry countdown); false when nothing was running. */
  cancel(): boolean;
  /** Words Tab completes: `/help`, `/set`, … and, after `/set ` or `/unset `, setting names. */
  completions(): readonly string[];
}
