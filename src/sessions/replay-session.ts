import type {ChatMessage} from '../api/types.js';
import type {SettingValue} from '../settings/setting-types.js';
import {answerContext, NO_ANSWER_REASON} from './answer-event.js';
import type {SessionEvent} from './session-events.js';
import {summaryMessages} from './summary-messages.js';
import {addUsage, NO_USAGE, type UsageTotals} from './usage-totals.js';

export interface ReplayedSession {
  id: string;
  name: string | undefined;
  createdAt: string | undefined;
  /** When the last event of any kind (a rename, a /set) was written. */
  lastActivity: string | undefined;
  /** When the last question or answer was written: what "latest" means for `-c` and listings. */
  lastMessageAt: string | undefined;
  /**
   * What is sent on resume: the answered exchanges after the last /clear, with /undo and /retry
   * applied, and the older ones replaced by the summary of the last compaction. Always user/assistant in turn, ending with an answer (or empty).
   */
  messages: ChatMessage[];
  /** The settings changed inside the chat, as they stand at the end. */
  settings: Map<string, SettingValue>;
  /** Answers ever given that became context (for listings; failed turns are not counted), and the first prompt. */
  answers: number;
  /** What every answer used, a failed or undone one's included (it was paid): a resumed chat's footer starts from it. */
  used: UsageTotals;
  firstPrompt: string | undefined;
  /** The last turn, when it got no usable answer (failed, cancelled early, cut by a crash): /retry asks it again. */
  failedPrompt: {text: string; reason: string} | undefined;
}

/**
 * Folds a session's events into its state, exactly as the chat built it. A question becomes
 * context only together with its answer, so files from any version (a user event followed by
 * another, a trailing one torn by a crash, an empty cancelled answer) replay as alternating turns.
 */
export function replaySession(events: readonly SessionEvent[], fallbackId: string): ReplayedSession {
  const state: ReplayedSession = {
    id: fallbackId, name: undefined, createdAt: undefined, lastActivity: undefined, lastMessageAt: undefined,
    messages: [], settings: new Map(), answers: 0, used: NO_USAGE, firstPrompt: undefined, failedPrompt: undefined,
  };
  /** The question waiting for its answer. */
  let pending: string | undefined;
  const unanswered = (text: string): void => {
    state.failedPrompt = {text, reason: NO_ANSWER_REASON};
  };
  const dropLastExchange = (): string | undefined => {
    if (state.messages.at(-1)?.role !== 'assistant') return undefined;
    state.messages.pop();
    return state.messages.pop()?.content;
  };
  for (const event of events) {
    state.lastActivity = event.at;
    switch (event.type) {
      case 'session':
        state.id = event.id;
        state.createdAt = event.at;
        state.name = event.name;
        break;
      case 'rename':
        state.name = event.name;
        break;
      case 'user':
        state.lastMessageAt = event.at;
        state.firstPrompt ??= event.text;
        // Older versions wrote nothing for a failed turn: a question right after another failed.
        if (pending !== undefined) unanswered(pending);
        pending = event.text;
        break;
      case 'assistant': {
        state.lastMessageAt = event.at;
        state.used = addUsage(state.used, event.usage, event.cost);
        const question = pending;
        pending = undefined;
        if (question === undefined) break;
        const context = answerContext(event);
        if (!context.sent) {
          state.failedPrompt = {text: question, reason: context.reason};
          break;
        }
        state.answers++;
        state.messages.push({role: 'user', content: question}, {role: 'assistant', content: context.content});
        state.failedPrompt = undefined;
        break;
      }
      case 'clear':
        state.messages = [];
        pending = undefined;
        state.failedPrompt = undefined;
        break;
      case 'undo':
        // Older versions' /undo after a failed turn dropped just that question.
        if (pending === undefined) dropLastExchange();
        pending = undefined;
        state.failedPrompt = undefined;
        break;
      case 'retry':
        // Regenerates the last answer. Older versions also wrote it to ask a failed question again.
        if (pending === undefined && state.failedPrompt) pending = state.failedPrompt.text;
        else if (pending === undefined) pending = dropLastExchange();
        state.failedPrompt = undefined;
        break;
      case 'compact':
        // What the summary paid for counts, as a failed answer's does.
        state.used = addUsage(state.used, event.usage, event.cost);
        state.messages = [...summaryMessages(event.summary), ...state.messages.slice(event.replaced)];
        break;
      case 'setting':
        if (event.value === null) state.settings.delete(event.name);
        else state.settings.set(event.name, event.value);
        break;
    }
  }
  if (pending !== undefined) unanswered(pending);
  return state;
}
