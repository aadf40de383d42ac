import type {ChatMessage} from '../api/types.js';
import type {SourceText} from '../context/load-sources.js';
import type {SettingValue} from '../settings/setting-types.js';
import {answerContext, NO_ANSWER_REASON} from './answer-event.js';
import type {AttachedFileRef, SessionEvent} from './session-events.js';
import {userContent, type BlobReader} from './user-content.js';
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
  /** Files attached to what `messages` and `failedPrompt` would send whose content is not in the blob store. */
  missingFiles: AttachedFileRef[];
  /** The files attached to a user message of `messages` (or `failedPrompt`), by its content: a resumed chat shows each as one line. */
  attachedFiles: ReadonlyMap<string, readonly SourceText[]>;
}

/**
 * Folds a session's events into its state, exactly as the chat built it. A question becomes
 * context only together with its answer, so files from any version (a user event followed by
 * another, a trailing one torn by a crash, an empty cancelled answer) replay as alternating turns.
 */
export function replaySession(events: readonly SessionEvent[], fallbackId: string, readBlob: BlobReader = () => undefined): ReplayedSession {
  const state: ReplayedSession = {
    id: fallbackId, name: undefined, createdAt: undefined, lastActivity: undefined, lastMessageAt: undefined,
    messages: [], settings: new Map(), answers: 0, used: NO_USAGE, firstPrompt: undefined, failedPrompt: undefined, missingFiles: [], attachedFiles: new Map(),
  };
  /** The question waiting for its answer (its attached files put back). */
  let pending: string | undefined;
  /** Questions whose attached files are not all in the blob store, by the text replayed for them. */
  const missing = new Map<string, AttachedFileRef[]>();
  const attached = new Map<string, SourceText[]>();
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
        state.firstPrompt ??= event.text || userContent(event, readBlob).content;
        // Older versions wrote nothing for a failed turn: a question right after another failed.
        if (pending !== undefined) unanswered(pending);
        {
          const sent = userContent(event, readBlob);
          if (sent.missing.length > 0) missing.set(sent.content, sent.missing);
          if (sent.texts.length > 0) attached.set(sent.content, sent.texts);
          pending = sent.content;
        }
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
  const asked = [...state.messages.filter((message) => message.role === 'user').map((message) => message.content), ...(state.failedPrompt ? [state.failedPrompt.text] : [])];
  state.missingFiles = asked.flatMap((text) => missing.get(text) ?? []);
  state.attachedFiles = new Map(asked.flatMap((text) => (attached.has(text) ? [[text, attached.get(text) ?? []] as const] : [])));
  return state;
}
