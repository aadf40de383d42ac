import type {ChatMessage} from '../api/types.js';
import type {SettingValue} from '../settings/setting-types.js';
import type {SessionEvent} from './session-events.js';

export interface ReplayedSession {
  id: string;
  name: string | undefined;
  createdAt: string | undefined;
  lastActivity: string | undefined;
  /** What is sent on resume: the conversation after the last /clear, with /undo and /retry applied. */
  messages: ChatMessage[];
  /** The settings changed inside the chat, as they stand at the end. */
  settings: Map<string, SettingValue>;
  /** Answers ever given (for listings), and the first prompt. */
  answers: number;
  firstPrompt: string | undefined;
}

/** Folds a session's events into its state, exactly as the chat built it. */
export function replaySession(events: readonly SessionEvent[], fallbackId: string): ReplayedSession {
  const state: ReplayedSession = {
    id: fallbackId, name: undefined, createdAt: undefined, lastActivity: undefined,
    messages: [], settings: new Map(), answers: 0, firstPrompt: undefined,
  };
  const dropAnswer = (): void => {
    if (state.messages.at(-1)?.role === 'assistant') state.messages.pop();
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
        state.firstPrompt ??= event.text;
        state.messages.push({role: 'user', content: event.text});
        break;
      case 'assistant':
        state.answers++;
        if (event.text !== '') state.messages.push({role: 'assistant', content: event.text});
        break;
      case 'clear':
        state.messages = [];
        break;
      case 'undo':
        dropAnswer();
        if (state.messages.at(-1)?.role === 'user') state.messages.pop();
        break;
      case 'retry':
        dropAnswer();
        break;
      case 'setting':
        if (event.value === null) state.settings.delete(event.name);
        else state.settings.set(event.name, event.value);
        break;
    }
  }
  return state;
}
