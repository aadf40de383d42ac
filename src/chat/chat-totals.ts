import type {AssistantEntry, ChatTotals} from './chat-types.js';

export const NO_TOTALS: ChatTotals = {turns: 0, promptTokens: 0, completionTokens: 0, cost: 0};

/**
 * The totals after one turn: it counts as a turn only when its answer is context (`answered`),
 * but every result's tokens and cost count, a failed or cancelled one's included (they were paid).
 */
export function addTurn(totals: ChatTotals, entries: readonly Omit<AssistantEntry, 'id'>[], answered: boolean): ChatTotals {
  const next = {...totals, turns: totals.turns + (answered ? 1 : 0)};
  for (const entry of entries) {
    next.promptTokens += entry.usage?.promptTokens ?? 0;
    next.completionTokens += entry.usage?.completionTokens ?? 0;
    next.cost += entry.cost ?? 0;
  }
  return next;
}
