import type {ChatMessage} from '../api/types.js';

const SUMMARY_LEAD = 'Summary of our conversation so far (the earlier turns were compacted into it):';

/**
 * What a compacted conversation sends in place of its older turns: the summary as a user turn
 * and a short answer, so the messages still alternate and the system prompt stays the user's own.
 * The chat and replay build it here alike, so a resumed session sends exactly what the chat did.
 */
export function summaryMessages(summary: string): ChatMessage[] {
  return [
    {role: 'user', content: `${SUMMARY_LEAD}\n\n${summary}`},
    {role: 'assistant', content: 'Understood: I will go on from this summary.'},
  ];
}

/** Whether a message is the summary of a compaction (a conversation of only that has nothing to compact). */
export function isSummary(message: ChatMessage | undefined): boolean {
  return message?.role === 'user' && message.content.startsWith(SUMMARY_LEAD);
}
