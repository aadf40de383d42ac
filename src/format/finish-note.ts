import type {FinishReason} from '../api/types.js';

/**
 * Why an answer did not end on its own, in the words `ask` (stderr) and the chat (its footer,
 * in yellow) both use; `raise` says how to get more there (`raise --max-tokens`, `/set maxTokens <n>`).
 * Undefined when it did.
 */
export function finishNote(finishReason: FinishReason | null, raise: string): string | undefined {
  switch (finishReason) {
    case null:
      return 'the stream ended without a final event; the answer may be cut';
    case 'length':
      return `the answer was cut at the token limit (finishReason: length); ${raise} for more`;
    case 'content_filter':
      return 'the answer was stopped by the content filter';
    case 'stop':
    case 'unknown':
      return undefined;
  }
}
