import type {InferenceResult} from '../api/types.js';

/** One result as `--json` prints it; documented in docs/usage.md. */
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

/** One object for one result, an array for several. */
export function jsonAnswer(results: InferenceResult[], model: string, error?: {message: string; code?: string; exitCode: number}): string {
  const items = results.map((result) => ({...jsonResult(result, model), ...(error ? {error} : {})}));
  return `${JSON.stringify(items.length === 1 ? items[0] : items, null, 2)}\n`;
}
