import type {InferenceResult} from '../api/types.js';

/** A warning for answers that did not end on their own. */
export function finishWarning(result: Pick<InferenceResult, 'finishReason'>): string | undefined {
  switch (result.finishReason) {
    case null:
      return 'warning: the stream ended without a final event; the answer may be cut';
    case 'length':
      return 'warning: the answer was cut at the token limit (finishReason: length); raise --max-tokens for more';
    case 'content_filter':
      return 'warning: the answer was stopped by the content filter';
    case 'stop':
    case 'unknown':
      return undefined;
  }
}
