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

/**
 * A price in US dollars as `ask` and the chat footer show it: four decimals, more when needed for
 * two significant digits (sub-cent prices are the norm: $0.0040, $0.000012), and never the
 * exponent that toPrecision writes below a millionth (`1.2e-7`).
 */
export function formatCost(cost: number): string {
  if (!(cost > 0)) return `$${(0).toFixed(4)}`;
  const decimals = Math.min(20, Math.max(4, 1 - Math.floor(Math.log10(cost))));
  return `$${cost.toFixed(decimals)}`;
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
