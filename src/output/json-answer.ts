import type {InferenceResult} from '../api/types.js';

/** One result as `--json` prints it; documented in docs/usage.md. Batch records it per item. */
export function jsonResult(result: InferenceResult, model: string): Record<string, unknown> {
  return {
    taskUUID: result.taskUUID,
    model,
    text: result.text,
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

/** What a failed answer carries in its `error` field. */
interface JsonFailure {
  message: string;
  code?: string;
  exitCode: number;
}

/** One object for one result, an array for several. */
export function jsonAnswer(results: InferenceResult[], model: string, error?: JsonFailure): string {
  const items = results.map((result) => ({...jsonResult(result, model), ...(error ? {error} : {})}));
  return `${JSON.stringify(items.length === 1 ? items[0] : items, null, 2).replace(RAW_IN_JSON, escapeForJson)}\n`;
}

/** One result as one line (JSON Lines: piped `chat --json`), the same object `ask --json` prints. */
export function jsonAnswerLine(result: InferenceResult, model: string, error?: JsonFailure): string {
  return `${JSON.stringify({...jsonResult(result, model), ...(error ? {error} : {})}).replace(RAW_IN_JSON, escapeForJson)}\n`;
}
