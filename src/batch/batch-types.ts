import type {ConnectionOptions} from '../api/types.js';
import type {SettingLayers} from '../config/resolve-settings.js';
import type {SettingValue} from '../settings/setting-types.js';

/** One prompt of a batch input, validated and with its files inlined (src/batch's CLI side). */
export interface BatchItem {
  /** From the input, or the line number as a string. */
  id: string;
  /** 1-based input line, for messages. */
  line: number;
  /** The user message text. */
  prompt: string;
  system?: string;
  images?: string[];
  videos?: string[];
  /** The line's settings over the flags' defaults, validated: they take the flags' place in the precedence. */
  settings: ReadonlyMap<string, SettingValue>;
}

/** What an item's failure records: a one-line message, a code (the API's, or the error class), the exit code `ask` would give. */
export interface BatchItemError {
  message: string;
  code: string;
  exitCode: number;
}

export type BatchOutcome =
  /** `answer`: the object `ask --json` prints (jsonResult); several results: `{results: [...]}`. */
  | {id: string; line: number; ok: true; answer: Record<string, unknown>; costUsd: number; tokens: number}
  | {id: string; line: number; ok: false; error: BatchItemError};

/** What every item shares: where to send it and the settings layers under the item's own. */
export interface BatchBase {
  /** Used for every request; the engine replaces its `signal` (stopNow) and its 429 handling. */
  connection: ConnectionOptions;
  /** Role, env, config file: what `ask` resolves under its flags (the item's settings stand for the flags). */
  layers: Omit<SettingLayers, 'flags' | 'session'>;
}

export interface BatchProgress {
  inFlight: number;
  /** Items taken from the input and sent (or being sent). */
  submitted: number;
  /** Reported cost so far, USD. */
  costUsd: number;
  /** Reported usage.totalTokens so far. */
  tokens: number;
}

/** Why runItems stopped taking items before the input ended. */
export type BatchStop =
  | {reason: 'maxCost'; costUsd: number}
  | {reason: 'interrupted'}
  /** A refusal every item would get (401 bad key, 402 no credits, 403): recorded for the items that got it, no more taken. */
  | {reason: 'refused'; error: BatchItemError};

export interface BatchRunOptions {
  /** Requests in flight (-j), default 4; for async delivery, submit and poll requests in flight. */
  concurrency: number;
  delivery: 'stream' | 'sync' | 'async';
  /** async: tasks per POST (submits and getResponse polls alike). */
  tasksPerRequest: number;
  /** Stop taking items once the reported cost reaches it; cost is then always requested. */
  maxCostUsd?: number;
  /** Aborted: take no more items, finish those in flight (their outcomes are still yielded). */
  signal: AbortSignal;
  /** Aborted: stop at once; items in flight get no outcome (the rerun resumes them). */
  stopNow?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
  /** Called once if the engine stopped taking items before the input's end. */
  onStop?: (stop: BatchStop) => void;
}

