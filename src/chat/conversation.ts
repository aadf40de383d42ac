import type {ChatMessage} from '../api/types.js';

/**
 * What is sent to the API: the turns since the last /clear. Kept apart from the on-screen
 * transcript, which is append-only; /undo and /retry change this, never the scrollback.
 */
export class Conversation {
  private turns: ChatMessage[] = [];

  messages(): ChatMessage[] {
    return [...this.turns];
  }

  get length(): number {
    return this.turns.length;
  }

  addUser(content: string): void {
    this.turns.push({role: 'user', content});
  }

  /** An empty answer (cancelled before any text) is not context worth sending. */
  addAssistant(content: string): void {
    if (content !== '') this.turns.push({role: 'assistant', content});
  }

  /** Starts from a stored conversation (resume). */
  restore(messages: readonly ChatMessage[]): void {
    this.turns = [...messages];
  }

  clear(): void {
    this.turns = [];
  }

  /** Drops the last answer (if the last turn is one) and returns the user turn it answered. */
  dropLastAnswer(): string | undefined {
    if (this.turns.at(-1)?.role === 'assistant') this.turns.pop();
    return this.turns.at(-1)?.role === 'user' ? this.turns.at(-1)?.content : undefined;
  }

  /** Drops the last exchange: the last answer and the user turn before it. */
  undo(): boolean {
    if (this.turns.length === 0) return false;
    if (this.turns.at(-1)?.role === 'assistant') this.turns.pop();
    if (this.turns.at(-1)?.role === 'user') this.turns.pop();
    return true;
  }

  lastAnswer(): string | undefined {
    return [...this.turns].reverse().find((turn) => turn.role === 'assistant')?.content;
  }
}
