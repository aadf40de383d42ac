import {formatCost} from '../format/format-cost.js';
import {formatCount} from '../format/result-format.js';
import type {ReplayedSession} from '../sessions/replay-session.js';
import {addUsage, NO_USAGE} from '../sessions/usage-totals.js';
import type {AssistantEntry, ChatTotals} from './chat-types.js';

export const NO_TOTALS: ChatTotals = {turns: 0, ...NO_USAGE};

/** A resumed session's totals: its turns as `sessions list` counts them, and what its answers used. */
export function storedTotals(stored: Pick<ReplayedSession, 'answers' | 'used'>): ChatTotals {
  return {turns: stored.answers, ...stored.used};
}

/**
 * The totals after one turn: it counts as a turn only when its answer is context (`answered`),
 * as replay counts a stored session's turns; but every result's tokens and cost count, a failed
 * or cancelled one's included (they were paid).
 */
export function addTurn(totals: ChatTotals, entries: readonly Omit<AssistantEntry, 'id'>[], answered: boolean): ChatTotals {
  let next: ChatTotals = {...totals, turns: totals.turns + (answered ? 1 : 0)};
  for (const entry of entries) next = {...next, ...addUsage(next, entry.usage, entry.cost)};
  return next;
}

/**
 * `3 turns`, `1,204 tokens (200 thinking)`, `$0.0040`: the session's part of the footer and of
 * /usage, in one place so the two say the same numbers the same way.
 */
export function sessionTotalsParts(totals: ChatTotals): string[] {
  const parts = [`${formatCount(totals.turns)} ${totals.turns === 1 ? 'turn' : 'turns'}`];
  if (totals.totalTokens > 0) {
    const thinking = totals.thinkingTokens > 0 ? ` (${formatCount(totals.thinkingTokens)} thinking)` : '';
    parts.push(`${formatCount(totals.totalTokens)} tokens${thinking}`);
  }
  if (totals.cost > 0) parts.push(formatCost(totals.cost));
  return parts;
}

/** `/usage`: the footer's session numbers, then how the tokens divide. */
export function usageReport(totals: ChatTotals): string {
  const lines = [`session: ${sessionTotalsParts(totals).join(' · ')}`];
  if (totals.totalTokens > 0) {
    const parts = [`${formatCount(totals.promptTokens)} in`, `${formatCount(totals.completionTokens)} out`];
    if (totals.thinkingTokens > 0) parts.push(`${formatCount(totals.thinkingTokens)} thinking`);
    lines.push(`tokens: ${parts.join(' · ')}`);
  }
  return lines.join('\n');
}
