import {splitThoughts} from './thought-channel.js';
import type {FinishReason, InferenceEvent, InferenceResult, Usage} from './types.js';

const FINISH_REASONS: readonly string[] = ['stop', 'length', 'content_filter', 'unknown'];

/** A finishReason from the wire; a value we do not know becomes 'unknown', absence stays null. */
export function finishReasonOf(value: unknown): FinishReason | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' && FINISH_REASONS.includes(value) ? (value as FinishReason) : 'unknown';
}

/** The optional fields a result item or a final stream event may carry. */
export function extrasOf(item: Record<string, unknown>): Pick<InferenceResult, 'usage' | 'cost' | 'seed'> {
  const extras: Pick<InferenceResult, 'usage' | 'cost' | 'seed'> = {};
  if (typeof item.usage === 'object' && item.usage !== null) extras.usage = item.usage as Usage;
  if (typeof item.cost === 'number') extras.cost = item.cost;
  // parseResponseJson already turned an integer seed into its exact string.
  if (typeof item.seed === 'string' || typeof item.seed === 'number') extras.seed = String(item.seed);
  return extras;
}

/**
 * One finished sync or async item. A complete answer with no finishReason is 'unknown', not cut.
 * A thought-channel block in its text is reasoning (after `reasoningContent`), never answer.
 */
export function resultOf(item: Record<string, unknown>, index: number): InferenceResult {
  const {text, reasoning} = splitThoughts(typeof item.text === 'string' ? item.text : '');
  return {
    taskUUID: String(item.taskUUID),
    index,
    text,
    reasoning: (typeof item.reasoningContent === 'string' ? item.reasoningContent : '') + reasoning,
    finishReason: finishReasonOf(item.finishReason) ?? 'unknown',
    ...extrasOf(item),
  };
}

/** Events for whole results: each one's reasoning, then its text, then `done` for all. */
export function* resultEvents(results: InferenceResult[]): Generator<InferenceEvent, void, undefined> {
  for (const result of results) {
    if (result.reasoning) yield {type: 'reasoning', text: result.reasoning, index: result.index};
    if (result.text) yield {type: 'text', text: result.text, index: result.index};
  }
  yield {type: 'done', results};
}
