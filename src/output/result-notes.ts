import type {InferenceResult} from '../api/types.js';
import {finishNote} from '../format/finish-note.js';

/** A warning for answers that did not end on their own (the chat's footer says the same words). */
export function finishWarning(result: Pick<InferenceResult, 'finishReason'>): string | undefined {
  const note = finishNote(result.finishReason, 'raise --max-tokens');
  return note === undefined ? undefined : `warning: ${note}`;
}
