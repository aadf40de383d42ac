import {GemmaError} from '../errors.js';
import {fileErrorReason} from '../format/file-error.js';
import type {SessionWriter} from '../sessions/session-writer.js';

/** What a chat records into: a session file (or a stand-in in tests). */
export type SessionRecorder = Pick<SessionWriter, 'append' | 'close' | 'opened' | 'id'>;

/**
 * The stored session this chat appends its events to, if any (none with --no-save). A failing
 * disk is reported once, as a warning (the chat goes on, and its answers keep their own
 * outcome), not again for each event after it, until an append succeeds again or another
 * session is recorded.
 */
export class SessionRecording {
  #recorder: SessionRecorder | undefined;
  /** The recorder whose last append failed (already reported). */
  #failing: SessionRecorder | undefined;

  constructor(private readonly warn: (text: string) => void) {}

  /** Records into `recorder` from now on; the session recorded before is closed (its lock released). */
  attach(recorder: SessionRecorder | undefined): void {
    this.close();
    this.#recorder = recorder;
  }

  /** Stops recording and releases the session file's lock. */
  close(): void {
    this.#recorder?.close();
    this.#recorder = undefined;
  }

  /** Whether the session with this id is the one being recorded (its lock is ours). */
  records(id: string): boolean {
    return this.#recorder !== undefined && this.#recorder.id === id;
  }

  /** The id of the session file written so far, if one was (for "conversation saved as ..."). */
  savedAs(): string | undefined {
    return this.#recorder?.opened ? this.#recorder.id : undefined;
  }

  record(event: Parameters<SessionWriter['append']>[0]): void {
    const recorder = this.#recorder;
    try {
      recorder?.append(event);
      this.#failing = undefined;
    } catch (error) {
      if (this.#failing !== recorder) {
        // Not from append itself (creating the file or its lock on a full disk): said the same way.
        this.warn(error instanceof GemmaError ? error.message : `could not save to session ${recorder?.id}: ${fileErrorReason(error)}`);
      }
      this.#failing = recorder;
    }
  }
}
