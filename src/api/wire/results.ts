import {ProtocolError} from '../../errors.js';
import {isObject} from '../is-object.js';
import type {FinishReason, InferenceEvent, InferenceResult, Usage, WireError} from '../types.js';
import {apiErrorFromWire, wireErrorsOf} from './error-envelope.js';
import {splitThoughts} from './thought-channel.js';

export type WireItem = Record<string, unknown>;

export interface TaskAnswer {
  /** The task's `data` items that did not fail (finished or still processing), in the server's order. */
  items: WireItem[];
}

/**
 * Picks what belongs to one task out of a 2xx body, matching by taskUUID only, never by position.
 * A failure of the task is thrown as an ApiError, however it came: in `errors` (for this task or
 * naming none), or as a `data` item with `"status": "error"` and an `error` object (how a
 * getResponse poll reports a failed result). One failed result fails the whole task, as in the
 * official SDKs, even when other results succeeded: nothing of a half-failed answer is shown.
 */
export function answerForTask(body: unknown, taskUUID: string, status = 200, secret?: string): TaskAnswer {
  const data = isObject(body) && Array.isArray(body.data) ? body.data : undefined;
  const allErrors = wireErrorsOf(body);
  if (data === undefined && allErrors.length === 0) {
    throw new ProtocolError('the server answered without "data" or "errors"');
  }
  const mine = (data ?? []).filter((item): item is WireItem => isObject(item) && item.taskUUID === taskUUID);
  const failed = mine.filter((item) => item.status === 'error').map((item) => itemError(item, taskUUID));
  const errors = [...allErrors.filter((error) => error.taskUUID === undefined || error.taskUUID === taskUUID), ...failed];
  if (errors.length > 0) throw apiErrorFromWire(errors, status, {secret});
  return {items: mine};
}

/** The error of a failed item: its `error` object, or (leniently) code and message on the item itself. */
function itemError(item: WireItem, taskUUID: string): WireError {
  const error = isObject(item.error) ? item.error : item;
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : 'a result of the task failed';
  return {...error, message, taskUUID} as WireError;
}

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
