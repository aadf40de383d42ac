import type {InferenceResult} from '../api/types.js';
import {extractCode, type ExtractMode} from './extract-code.js';

/** One result as `--json` prints it; documented in docs/usage.md. With `-x`, its code block (or null) after the text. Batch records it per item. */
export function jsonResult(result: InferenceResult, model: string, extract?: ExtractMode): Record<string, unknown> {
  return {
    taskUUID: result.taskUUID,
    model,
    text: result.text,
    ...(extract ? {code: extractCode(result.text, extract) ?? null} : {}),
    reasoning: result.reasoning || null,
    finishReason: result.finishReason,
    usage: result.usage ?? null,
    cost: result.cost ?? null,
    ...(result.seed === undefined ? {} : {seed: result.seed}),
  };
}

/**
 * JSON.stringify escapes C0 controls but leaves DEL, C1 controls and bidi overrides as they are;
 * escaped too, the document means the same and cannot drive the terminal it is printed on.
 */
const RAW_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const escapeForJson = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON text whose every character is inert on a terminal (batch writes its lines with it too). */
export const inertJson = (value: unknown, indent?: number): string => JSON.stringify(value, null, indent).replace(RAW_IN_JSON, escapeForJson);

/** What a failed answer carries in its `error` field. */
interface JsonFailure {
  message: string;
  code?: string;
  exitCode: number;
}

/** One object for one result, an array for several. */
export function jsonAnswer(results: InferenceResult[], model: string, error?: JsonFailure, extract?: ExtractMode): string {
  const items = results.map((result) => ({...jsonResult(result, model, extract), ...(error ? {error} : {})}));
  return `${inertJson(items.length === 1 ? items[0] : items, 2)}\n`;
}

/** One result as one line (JSON Lines: piped `chat --json`), the same object `ask --json` prints. */
export function jsonAnswerLine(result: InferenceResult, model: string, error?: JsonFailure, extract?: ExtractMode): string {
  return `${inertJson({...jsonResult(result, model, extract), ...(error ? {error} : {})})}\n`;
}
