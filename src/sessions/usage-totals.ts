import type {Usage} from '../api/types.js';

/** The tokens and cost answers used, summed: a chat's footer and a stored session count alike. */
export interface UsageTotals {
  promptTokens: number;
  completionTokens: number;
  thinkingTokens: number;
  /** Every token, thinking included: the server's total when it gives one. */
  totalTokens: number;
  cost: number;
}

export const NO_USAGE: UsageTotals = {promptTokens: 0, completionTokens: 0, thinkingTokens: 0, totalTokens: 0, cost: 0};

/** A count from the server or a session file, which anyone may have edited: anything else is 0. */
function tokens(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/**
 * `totals` plus one answer's usage and cost. Without a total from the server the parts are
 * added up: the service reports thinking apart from the completion (PROTOCOL.md's usage).
 */
export function addUsage(totals: UsageTotals, usage: Usage | undefined, cost: number | undefined): UsageTotals {
  const prompt = tokens(usage?.promptTokens);
  const completion = tokens(usage?.completionTokens);
  const thinking = tokens(usage?.thinkingTokens);
  const total = usage?.totalTokens === undefined ? prompt + completion + thinking : tokens(usage.totalTokens);
  return {
    promptTokens: totals.promptTokens + prompt,
    completionTokens: totals.completionTokens + completion,
    thinkingTokens: totals.thinkingTokens + thinking,
    totalTokens: totals.totalTokens + total,
    cost: totals.cost + tokens(cost),
  };
}
