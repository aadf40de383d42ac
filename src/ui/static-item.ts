import type {Material} from './transcript-collapse.js';
import type {AssistantEntry, NoticeEntry, ChatTotals, ShellEntry, TranscriptEntry} from '../chat/chat-types.js';

/** Under the notice that ends a failed turn: the question above it is not in the conversation. */
export const FAILED_TURN_MARK = '(not sent as context; /retry asks it again)';

/**
 * One piece of scrollback, printed once by ink's <Static> and never redrawn. An answer that
 * streamed long enough is split across items: its thinking summary and each completed block are
 * flushed while it streams, and the final `answer` item prints only the text from `from` on.
 */
export type StaticItem =
  | {kind: 'header'; key: string; text: string}
  /** `materials`: what the chat knows came from stdin or a paste, to collapse in the display. */
  | {kind: 'user'; key: string; text: string; materials?: readonly Material[]}
  | {kind: 'notice'; key: string; level: NoticeEntry['level']; text: string; turnFailed?: boolean}
  /** A `!command` and its output, or the line of a `/run`'s attachment. */
  | {kind: 'shell'; key: string; entry: ShellEntry}
  | {kind: 'thought'; key: string; ms: number | undefined; reasoning: string}
  /** `raw`: shown as its text, not rendered (render never, when it was printed). */
  | {kind: 'block'; key: string; markdown: string; raw: boolean}
  /** The turns of a resumed session, printed as one piece of pre-rendered text (its newest turns). */
  | {kind: 'restored'; key: string; entries: readonly TranscriptEntry[]}
  | {
      kind: 'answer';
      key: string;
      entry: AssistantEntry;
      /** Offset in entry.text where the unprinted part starts (0 unless blocks were flushed). */
      from: number;
      /** False when the thinking summary was already flushed while streaming. */
      withThought: boolean;
      showThinking: boolean;
      raw: boolean;
      totals: ChatTotals;
    };
