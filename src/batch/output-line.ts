import {redactKey} from '../api/redact.js';
import {inertJson} from '../output/json-answer.js';

/** An item's line in the output: `ask --json`'s object with the item's id first, or its error. */
export type ResultLine =
  | {id: string; ok: true; answer: Record<string, unknown>}
  | {id: string; ok: false; error: {message: string; code: string; exitCode: number}};

/**
 * One JSONL line, newline included, inert on a terminal (`gemma batch in.jsonl` writes to stdout); the API key, should a server's message or an answer quote
 * it, written as `***` (as in session files).
 */
export function formatResultLine(result: ResultLine, secret?: string): string {
  const object = result.ok ? {id: result.id, ...result.answer} : {id: result.id, error: result.error};
  return redactKey(`${inertJson(object)}\n`, secret);
}

/** What the output file says of an id: done, or failed (its line holds an error). */
export type LineState = 'done' | 'failed';

/** The id and state of an output line, or undefined when it is no result line gemma wrote. */
export function readResultLine(text: string): {id: string; state: LineState} | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const {id, error} = parsed as {id?: unknown; error?: unknown};
  if (typeof id !== 'string') return undefined;
  return {id, state: error === undefined || error === null ? 'done' : 'failed'};
}

