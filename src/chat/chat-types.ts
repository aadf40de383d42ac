/** The chat session's state, as both the terminal UI and the plain line mode read it. */
import type {FinishReason, Usage} from '../api/types.js';
import type {UsageTotals} from '../sessions/usage-totals.js';
import type {ContextFill} from './context-meter.js';

/** An entry shown again from a stored session (resume): scrollback, not something new. */
export interface Restored {
  /** The session's name or id, for `gemma sessions show`. */
  session: string;
}

export interface UserEntry {
  kind: 'user';
  id: number;
  /** The message as sent, attached files' blocks included. */
  text: string;
  /** Files attached to it (`/file`, `@path`): the transcript shows each as one collapsed line. */
  files?: readonly EntryFile[];
  restored?: Restored;
}

/** A file attached to a message: a text file (its text is a block of the message) or media sent in its inputs. */
export type EntryFile = {kind: 'file'; name: string; text: string} | {kind: 'image' | 'video'; name: string};

export interface AnswerTiming {
  /** ms from send to the first text token; undefined if none arrived. */
  firstTokenMs?: number;
  /** ms spent in reasoning before the first text token. */
  thinkingMs?: number;
  /** ms from send to the end (done, error or cancel). */
  totalMs: number;
}

export interface AssistantEntry {
  kind: 'assistant';
  id: number;
  text: string;
  reasoning: string;
  finishReason: FinishReason | null;
  /** Cancelled by the user: the partial text is kept and sent as context next turn. */
  interrupted: boolean;
  usage?: Usage;
  cost?: number;
  taskUUID?: string;
  timing: AnswerTiming;
  /** Completion tokens per second, when usage and timing allow it. */
  tokensPerSecond?: number;
  /** Cut short by an error (reported in the notice that follows); the text is what arrived. */
  failed?: boolean;
  /** Shown again from a stored session: no footer, its numbers belong to another run. */
  restored?: Restored;
  /** With several results (-n), which one this is (0-based) and how many there were. */
  result?: {index: number; of: number};
  /** How full the context window is after this answer (the conversation sent next). */
  context?: ContextFill;
}

/** Everything that is not a turn: command output, errors (the session goes on), warnings. */
export interface NoticeEntry {
  kind: 'notice';
  id: number;
  level: 'info' | 'warning' | 'error';
  text: string;
  /**
   * This notice ends a turn that is not sent as context (it failed, or was cancelled before any
   * text): the terminal UI marks it so, and /retry asks the question again.
   */
  turnFailed?: boolean;
  restored?: Restored;
}

/**
 * A command run with `!` (its output shown, never sent) or `/run` (its output attached to the
 * next message, shown as one line). Not recorded in the session file.
 */
export interface ShellEntry {
  kind: 'shell';
  id: number;
  command: string;
  /** `!`: the output as the command wrote it, cut to the file limit; empty for `/run`. */
  output: string;
  exitCode: number | null;
  signal: string | null;
  cancelled: boolean;
  /** `/run`: what its attachment line says (`12 lines, 1 kB, ~80 tokens`). */
  attached?: string;
  /** Never recorded, so never shown again by a resume. */
  restored?: never;
}

export type TranscriptEntry = UserEntry | AssistantEntry | NoticeEntry | ShellEntry;

export type LivePhase = 'connecting' | 'thinking' | 'answering' | 'retrying' | 'waiting' | 'compacting' | 'running';

/** The answer being generated: the only part of the screen that changes. */
export interface LiveAnswer {
  phase: LivePhase;
  startedAt: number;
  text: string;
  reasoning: string;
  /** When phase is 'retrying': the retry fires at this epoch ms. */
  retryAt?: number;
  retryReason?: string;
  /** Which try the retry will be (2, 3). */
  retryAttempt?: number;
  /** When phase is 'running': the `!` or `/run` command, and the end of its output so far. */
  shell?: {command: string; tail: string};
}

/**
 * What the session's answers used so far: a resumed session's earlier turns included, so the
 * turns are the ones `sessions list` counts.
 */
export interface ChatTotals extends UsageTotals {
  /** Answers that became context, as `sessions list` counts them. */
  turns: number;
}

export interface ChatSnapshot {
  /** One line: model and the settings that differ from defaults. */
  header: string;
  /** Finished entries, append-only: an entry never changes once here (ink's <Static>). */
  entries: readonly TranscriptEntry[];
  live: LiveAnswer | null;
  showThinking: boolean;
  /** `render never`: answers are shown as their raw text, not rendered markdown. */
  rawAnswers: boolean;
  totals: ChatTotals;
  /** Set when the user asked to leave (/exit). */
  exitRequested: boolean;
}
