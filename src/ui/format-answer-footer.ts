import {formatCost} from '../format/format-cost.js';
import {formatCount as count, resultLabel} from '../format/result-format.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {formatSeconds} from './format-seconds.js';
import type {AssistantEntry, ChatTotals} from '../chat/chat-types.js';

/**
 * `12 in · 340 out · $0.0012 · first token 0.4 s · 52 tok/s │ session: 3 turns · 1,204 tokens ·
 * $0.0040`, leaving out whatever the API did not report. Prices read as `ask --cost` prints them.
 * The usage numbers are the server's, unchecked: cleaned like any text it sends.
 */
export function formatAnswerFooter(entry: AssistantEntry, totals: ChatTotals): string {
  const turn: string[] = [];
  const {usage, cost, timing, tokensPerSecond, result} = entry;
  if (result && result.of > 1) turn.push(resultLabel(result.index, result.of));
  if (usage?.promptTokens !== undefined) turn.push(`${count(usage.promptTokens)} in`);
  if (usage?.completionTokens !== undefined) turn.push(`${count(usage.completionTokens)} out`);
  if (cost !== undefined) turn.push(formatCost(cost));
  if (timing.firstTokenMs !== undefined) turn.push(`first token ${formatSeconds(timing.firstTokenMs)}`);
  if (tokensPerSecond !== undefined && Number.isFinite(tokensPerSecond)) turn.push(`${Math.round(tokensPerSecond)} tok/s`);

  const session = [`${count(totals.turns)} ${totals.turns === 1 ? 'turn' : 'turns'}`];
  const tokens = totals.promptTokens + totals.completionTokens;
  if (tokens > 0) session.push(`${count(tokens)} tokens`);
  if (totals.cost > 0) session.push(formatCost(totals.cost));

  const sessionPart = `session: ${session.join(' · ')}`;
  return terminalSafe(turn.length > 0 ? `${turn.join(' · ')} │ ${sessionPart}` : sessionPart);
}
