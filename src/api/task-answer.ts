import {ProtocolError} from '../errors.js';
import {apiErrorFromWire, wireErrorsOf} from './error-envelope.js';
import type {WireError} from './types.js';

export type WireItem = Record<string, unknown>;

export interface TaskAnswer {
  /** The `data` items for this task, in the order the server listed them. */
  items: WireItem[];
  /** Errors for this task (or naming no task) that came alongside successful items. */
  errors: WireError[];
}

/**
 * Picks what belongs to one task out of a 200 body, which may hold both `data` and `errors`
 * (a partial failure). Matching is by taskUUID only, never by position. If the task has errors
 * and no results it failed: that is thrown as an ApiError.
 */
export function answerForTask(body: unknown, taskUUID: string, status = 200, secret?: string): TaskAnswer {
  const data = isRecord(body) && Array.isArray(body.data) ? body.data : undefined;
  const allErrors = wireErrorsOf(body);
  if (data === undefined && allErrors.length === 0) {
    throw new ProtocolError('the server answered without "data" or "errors"');
  }
  const items = (data ?? []).filter((item): item is WireItem => isRecord(item) && item.taskUUID === taskUUID);
  const errors = allErrors.filter((error) => error.taskUUID === undefined || error.taskUUID === taskUUID);
  if (items.length === 0 && errors.length > 0) throw apiErrorFromWire(errors, status, {secret});
  return {items, errors};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
