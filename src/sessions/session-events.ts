/** One line of a session file (JSON Lines, append-only). `at` is an ISO timestamp. */
import type {FinishReason, Usage} from '../api/types.js';
import type {SettingValue} from '../settings/setting-types.js';

export const SESSION_FORMAT_VERSION = 1;

export type SessionEvent =
  | {type: 'session'; version: number; id: string; at: string; name?: string}
  /**
   * `text` is what the user wrote; `files` (absent in older files) are the files attached to it,
   * each stored once in the blob store (blob-store.ts) under its hash: what was sent is their
   * blocks, then `text` (user-content.ts). Older versions read `text` alone.
   */
  | {type: 'user'; at: string; text: string; files?: AttachedFileRef[]}
  | {
      type: 'assistant';
      at: string;
      text: string;
      reasoning?: string;
      finishReason: FinishReason | null;
      /** Cancelled by the user; with text it is context (marked), without text it is not. */
      interrupted: boolean;
      /** The request failed (after its retries); the turn is not context. Absent in older files. */
      failed?: {message: string; code?: string};
      usage?: Usage;
      cost?: number;
      taskUUID?: string;
      /** What was sent besides the messages (media inputs as counts). */
      request?: Record<string, unknown>;
    }
  | {type: 'clear'; at: string}
  /** `/set` (value) or `/unset` (value null) inside the chat. */
  | {type: 'setting'; at: string; name: string; value: SettingValue | null}
  | {type: 'undo'; at: string}
  | {type: 'retry'; at: string}
  | {type: 'rename'; at: string; name: string}
  /**
   * A compaction: from now on the first `replaced` messages of what is sent are this summary
   * (src/sessions/summary-messages.ts). The turns it replaced stay above it in the file.
   */
  | {type: 'compact'; at: string; summary: string; replaced: number; usage?: Usage; cost?: number};

/** A file attached to a user's message: its name as the model saw it, and its content's hash. */
export interface AttachedFileRef {
  name: string;
  sha256: string;
}
