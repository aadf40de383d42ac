import type {LiveAnswer} from '../chat/chat-types.js';
import type {StaticItem} from './static-item.js';

/** What the screen shows for one snapshot: the append-only scrollback and the live answer. */
export interface TranscriptView {
  /** Replaced (by appending) only when something new is printed; same array otherwise. */
  items: readonly StaticItem[];
  live: LiveView | null;
}

export interface LiveView {
  answer: LiveAnswer;
  /** The part of answer.text not yet flushed to the scrollback. */
  tail: string;
  /** When this UI first saw the model thinking (epoch ms); undefined if it never did. */
  thinkingSince: number | undefined;
}
