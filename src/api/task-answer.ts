import {ProtocolError} from '../errors.js';
import {apiErrorFromWire, wireErrorsOf} from './error-envelope.js';
import {isObject} from './is-object.js';
import type {WireError} from './types.js';

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
