import {formatCost} from '../api/format-cost.js';
import type {InferenceResult} from '../api/types.js';

/** `usage: 12 in, 30 out (8 thinking), 42 total`; undefined when the result has none. */
export function usageLine(result: InferenceResult): string | undefined {
  const usage = result.usage;
  if (!usage) return undefined;
  const thinking = usage.thinkingTokens ? ` (${usage.thinkingTokens} thinking)` : '';
  return `usage: ${usage.promptTokens ?? '?'} in, ${usage.completionTokens ?? '?'} out${thinking}, ${usage.totalTokens ?? '?'} total`;
}

/** `cost: $0.000012`; undefined when the result has none. */
export function costLine(result: InferenceResult): string | undefined {
  return result.cost === undefined ? undefined : `cost: ${formatCost(result.cost)}`;
}


/** A warning for answers that did not end on their own. */
export function finishWarning(result: Pick<InferenceResult, 'finishReason'>): string | undefined {
  switch (result.finishReason) {
    case null:
      return 'warning: the stream ended without a final event; the answer may be cut';
    case 'length':
      return 'warning: the answer was cut at the token limit (finishReason: length); raise --max-tokens for more';
    case 'content_filter':
      return 'warning: the answer was stopped by the content filter';
    default:
      return undefined;
  }
}
