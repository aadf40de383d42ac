import {sessionTotalsParts} from '../chat/chat-totals.js';
import type {AssistantEntry, ChatTotals} from '../chat/chat-types.js';
import {COMPACT_AT, type ContextFill} from '../chat/context-meter.js';
import {formatWindow} from '../context/estimate-request.js';
import {finishNote} from '../format/finish-note.js';
import {formatCost} from '../format/format-cost.js';
import {formatCount as count, resultLabel} from '../format/result-format.js';
import {dotted, wrapParts, type LinePart} from '../format/wrap-parts.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {formatSeconds} from './format-seconds.js';

/**
 * `12 in · 340 out · 80 thinking · $0.0012 · first token 0.4 s · 52 tok/s │ session: 3 turns ·
 * 1,284 tokens (80 thinking) · $0.0040`, leaving out whatever the API did not report, as rows no
 * wider than `width`, broken only between parts. Prices read as `ask --cost` prints them, the
 * session's numbers as /usage does. The usage numbers are the server's, unchecked: cleaned like
 * any text it sends.
 */
export function formatAnswerFooter(entry: AssistantEntry, totals: ChatTotals, width = Infinity): string {
  const turn: string[] = [];
  const {usage, cost, timing, tokensPerSecond, result} = entry;
  if (result && result.of > 1) turn.push(resultLabel(result.index, result.of));
  if (usage?.promptTokens !== undefined) turn.push(`${count(usage.promptTokens)} in`);
  if (usage?.completionTokens !== undefined) turn.push(`${count(usage.completionTokens)} out`);
  if (usage?.thinkingTokens) turn.push(`${count(usage.thinkingTokens)} thinking`);
  if (cost !== undefined) turn.push(formatCost(cost));
  if (timing.firstTokenMs !== undefined) turn.push(`first token ${formatSeconds(timing.firstTokenMs)}`);
  if (tokensPerSecond !== undefined && Number.isFinite(tokensPerSecond)) turn.push(`${Math.round(tokensPerSecond)} tok/s`);

  if (entry.context) turn.push(contextPart(entry.context));

  // The session's totals once per turn: under its last result, not repeated under each of -n.
  const last = !result || result.index === result.of - 1;
  const [turns = '', ...rest] = last ? sessionTotalsParts(totals) : [];
  const session: LinePart[] = last ? [{text: `session: ${turns}`, separator: ' │ '}, ...dotted(rest)] : [];
  const parts = [...dotted(turn), ...session];
  return wrapParts(parts.map((part) => ({...part, text: terminalSafe(part.text)})), width).join('\n');
}

/**
 * Above the numbers, in yellow: why the answer stopped early (the token limit), as `ask` warns.
 * Not for a cancelled or failed answer: `(interrupted)` and the error already say why.
 */
export function answerFooterNote(entry: AssistantEntry): string | undefined {
  if (entry.interrupted || entry.failed) return undefined;
  return finishNote(entry.finishReason, '/set maxTokens <n>');
}

/** `ctx 42% of 131K`: how full the window is with the conversation sent next. */
export function contextPart(fill: ContextFill): string {
  return `ctx ${Math.round((fill.tokens / fill.window) * 100)}% of ${formatWindow(fill.window)}`;
}

/** The colour of the ctx part: yellow from 80% (where a chat compacts), red from 95%. */
export function contextLevel(fill: ContextFill): 'yellow' | 'red' | undefined {
  const share = fill.tokens / fill.window;
  return share >= 0.95 ? 'red' : share >= COMPACT_AT ? 'yellow' : undefined;
}
