import {readFileSync, statSync} from 'node:fs';
import {isObject} from '../api/is-object.js';
import {ExitCode, GemmaError} from '../errors.js';
import {fileErrorReason} from '../format/file-error.js';
import {isSha256} from './blob-store.js';
import type {SessionEvent} from './session-events.js';

/**
 * The largest session file read: thousands of long turns fit many times over; past it, reading
 * (and the JSON lines' copies) would cost more memory than a chat client should take.
 */
const MAX_SESSION_BYTES = 256 * 1024 * 1024;

export interface SessionRead {
  events: SessionEvent[];
  /** Lines that are not a whole, well-formed event (a torn last line after a crash); skipped, never fatal. */
  skipped: number;
  /** Their numbers in the file, from 1. */
  skippedLines: number[];
}

/**
 * Reads a session file; a line that is not a JSON event of the right shape is skipped and
 * counted. A file that cannot be read at all (too large, unreadable, a folder) is an error
 * naming it: treated as absent, its name would be given to a new session.
 */
export function readSession(path: string): SessionRead {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_SESSION_BYTES) {
      throw new GemmaError(`session file ${path} is ${size} bytes; allowed: at most ${MAX_SESSION_BYTES / 1048576} MiB; move it out of that folder to go on`, ExitCode.failure);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof GemmaError) throw error;
    throw new GemmaError(`session file ${path} cannot be read (${fileErrorReason(error)}); move it out of that folder to go on`, ExitCode.failure, {cause: error});
  }
  const events: SessionEvent[] = [];
  const skippedLines: number[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.trim() === '') continue;
    const event = eventOf(line);
    if (event) events.push(event);
    else skippedLines.push(index + 1);
  }
  return {events, skipped: skippedLines.length, skippedLines};
}

/** `skipped 2 unreadable line(s) in <path> (lines 4, 9: ...)`, for a warning. */
export function skippedWarning(path: string, skippedLines: readonly number[]): string {
  const shown = skippedLines.slice(0, 5).join(', ') + (skippedLines.length > 5 ? ', ...' : '');
  return `skipped ${skippedLines.length} unreadable line(s) in ${path} (line${skippedLines.length === 1 ? '' : 's'} ${shown}: a write torn by a crash, or not a gemma event)`;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const optional = (check: (value: unknown) => boolean) => (value: unknown) => value === undefined || check(value);
const isSettingValue = (value: unknown): boolean =>
  ['string', 'number', 'boolean'].includes(typeof value) || (Array.isArray(value) && value.every(isString));

/**
 * What each event's fields must be for replay and transcripts to use them as they are: a number
 * where text belongs would crash them (`text.trim()`), far from the file that caused it.
 */
const SHAPES: Record<SessionEvent['type'], Record<string, (value: unknown) => boolean>> = {
  session: {version: (value) => typeof value === 'number', id: isString, name: optional(isString)},
  user: {text: isString, files: optional((value) => Array.isArray(value) && value.every((file) => isObject(file) && isString(file.name) && isSha256(file.sha256)))},
  assistant: {
    text: isString,
    reasoning: optional(isString),
    finishReason: optional((value) => value === null || isString(value)),
    interrupted: optional((value) => typeof value === 'boolean'),
    failed: optional((value) => isObject(value) && isString(value.message) && optional(isString)(value.code)),
    usage: optional(isObject),
    cost: optional((value) => typeof value === 'number'),
    taskUUID: optional(isString),
    request: optional(isObject),
  },
  clear: {},
  setting: {name: isString, value: (value) => value === null || isSettingValue(value)},
  undo: {},
  retry: {},
  rename: {name: isString},
  compact: {
    summary: isString,
    replaced: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
    usage: optional(isObject),
    cost: optional((value) => typeof value === 'number'),
  },
};

/** The event on a line, or undefined when the line is not JSON or not an event of a known shape. */
function eventOf(line: string): SessionEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(value) || !isString(value.type) || !isString(value.at)) return undefined;
  // An event type from a newer version is kept: replay and transcripts pass over it.
  if (!Object.hasOwn(SHAPES, value.type)) return value as unknown as SessionEvent;
  const shape = SHAPES[value.type as SessionEvent['type']];
  for (const [field, check] of Object.entries(shape)) if (!check(value[field])) return undefined;
  return value as unknown as SessionEvent;
}
