import type {ChatSession} from './chat-session.js';

/** One `/command` of the chat: its name, how /help shows it, and what it does with the rest of the line. */
export interface ChatCommand {
  name: string;
  usage: string;
  help: string;
  run(chat: ChatSession, rest: string): Promise<void> | void;
}
