import type {ChatMessage} from '../api/types.js';

/**
 * What is sent to the API: the answered exchanges since the last /clear. A question joins it
 * only with its answer, so a failed or empty turn never leaves two user messages in a row: the
 * messages alternate and every request ends with its new question. Kept apart from the on-screen
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

  /** The messages of a request for `question`: the exchanges so far, then the question. */
  ask(question: string): ChatMessage[] {
    return [...this.turns, {role: 'user', content: question}];
  }

  /** A question and the answer that makes it context. */
  addExchange(question: string, answer: string): void {
    this.turns.push({role: 'user', content: question}, {role: 'assistant', content: answer});
  }

  /** Starts from a stored conversation (resume); replay gives alternating exchanges. */
  restore(messages: readonly ChatMessage[]): void {
    this.turns = [...messages];
  }

  clear(): void {
    this.turns = [];
  }

  /** Drops the last exchange and returns its question (/retry asks it again), if there is one. */
  dropLastExchange(): string | undefined {
    if (this.turns.at(-1)?.role !== 'assistant') return undefined;
    this.turns.pop();
    return this.turns.pop()?.content;
  }

  /** Drops the last exchange (/undo); false when there is none. */
  undo(): boolean {
    return this.dropLastExchange() !== undefined;
  }

  lastAnswer(): string | undefined {
    return this.turns.at(-1)?.content;
  }
}
