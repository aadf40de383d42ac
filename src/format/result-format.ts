import type {InferenceResult} from '../api/types.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {formatCost} from './format-cost.js';

/**
 * The words `ask`, piped chat and the chat footer use for one answer's result, retry, usage and
 * cost, in one place so the three outputs cannot drift apart. Pure strings: each output keeps its
 * own streams, colour and terminal cleaning of the answer.
 */

/** `result 2 of 3`: which of `-n` results this is (index from 0). */
export function resultLabel(index: number, of: number): string {
  return `result ${index + 1} of ${of}`;
}

/** `--- result 2 of 3 ---` and its newline: the line above each of several results on stdout. */
export function resultSeparator(index: number, of: number): string {
  return `--- ${resultLabel(index, of)} ---\n`;
}

/** `result 2: `: the prefix of a note (usage, cost, a warning) about one of several results. */
export function resultTag(index: number): string {
  return `result ${index + 1}: `;
}

/**
 * `gemma: rate limited (rateLimitExceeded); retrying in 1.0 s (attempt 2)`. One decimal, so a
 * redrawn countdown keeps its width; the reason is the server's, cleaned of terminal controls.
 */
export function retryNotice(reason: string, waitMs: number, attempt: number): string {
  return `gemma: ${terminalSafe(reason)}; ${retryingIn(waitMs, attempt)}`;
}

/**
 * `gemma: retrying in 1.0 s (attempt 2): rate limited (rateLimitExceeded)`: the countdown a
 * terminal redraws in place. What changes and what to do come first, so a line cut at a narrow
 * terminal's edge keeps them and loses only the end of the reason.
 */
export function retryCountdown(reason: string, waitMs: number, attempt: number): string {
  return `gemma: ${retryingIn(waitMs, attempt)}: ${terminalSafe(reason)}`;
}

const retryingIn = (waitMs: number, attempt: number): string => `retrying in ${(Math.max(0, waitMs) / 1000).toFixed(1)} s (attempt ${attempt})`;

/**
 * `usage: 12 in, 30 out, 8 thinking, 50 total`; undefined when the result has none. Thinking is
 * its own count, beside the answer's (the chat's footer shows it apart too), not a part of `out`.
 */
export function usageLine(result: Pick<InferenceResult, 'usage'>): string | undefined {
  const usage = result.usage;
  if (!usage) return undefined;
  const thinking = usage.thinkingTokens ? `, ${usage.thinkingTokens} thinking` : '';
  return `usage: ${usage.promptTokens ?? '?'} in, ${usage.completionTokens ?? '?'} out${thinking}, ${usage.totalTokens ?? '?'} total`;
}

/** `cost: $0.000012`; undefined when the result has none. */
export function costLine(result: Pick<InferenceResult, 'cost'>): string | undefined {
  return result.cost === undefined ? undefined : `cost: ${formatCost(result.cost)}`;
}

/** `1,204`: a token count as the chat footer shows it. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
