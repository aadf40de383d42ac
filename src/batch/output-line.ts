import {redactKey} from '../api/redact.js';

/** An item's line in the output: `ask --json`'s object with the item's id first, or its error. */
export type ResultLine =
  | {id: string; ok: true; answer: Record<string, unknown>}
  | {id: string; ok: false; error: {message: string; code: string; exitCode: number}};

/**
 * JSON.stringify escapes C0 controls but leaves DEL, C1 controls and bidi overrides as they are
 * (as src/output/json-answer.ts says): escaped, the line means the same and cannot drive a
 * terminal it is printed on (`gemma batch in.jsonl` writes to stdout).
 */
const RAW_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const escapeForJson = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * One JSONL line, newline included; the API key, should a server's message or an answer quote
 * it, written as `***` (as in session files).
 */
export function formatResultLine(result: ResultLine, secret?: string): string {
  const object = result.ok ? {id: result.id, ...result.answer} : {id: result.id, error: result.error};
  return redactKey(`${JSON.stringify(object).replace(RAW_IN_JSON, escapeForJson)}\n`, secret);
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

