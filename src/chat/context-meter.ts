import {estimateMessages, estimateRequest, type RequestShape} from '../context/estimate-request.js';
import type {ResolvedSettings} from '../settings/resolved-settings.js';
import {DEFAULT_CONTEXT_WINDOW} from '../settings/settings-table.js';

/** How full the context window is: estimated tokens of what is sent next, and the window. */
export interface ContextFill {
  tokens: number;
  window: number;
}

/** From 80% of the window a turn is compacted first (autoCompact), and the footer turns yellow. */
export const COMPACT_AT = 0.8;

/**
 * How many tokens a chat's next request will take. The service's `promptTokens` for the last
 * request is the truth about that request; only what was added since (its answer, the next
 * question) is estimated. When the conversation changed otherwise (/undo, /clear, a compaction,
 * another system prompt or media), the whole request is estimated again.
 */
export class ContextMeter {
  private anchor: {shape: RequestShape; promptTokens: number} | undefined;

  /** The service counted `promptTokens` for the request `shape`. */
  reported(shape: RequestShape, promptTokens: number): void {
    this.anchor = {shape: {...shape, messages: [...shape.messages]}, promptTokens};
  }

  estimate(shape: RequestShape): number {
    const anchor = this.anchor;
    if (!anchor || !extends_(shape, anchor.shape)) return estimateRequest(shape);
    return anchor.promptTokens + estimateMessages(shape.messages.slice(anchor.shape.messages.length));
  }
}

/** Whether `next` is `before` with messages added at the end. */
function extends_(next: RequestShape, before: RequestShape): boolean {
  if (next.systemPrompt !== before.systemPrompt || next.images !== before.images || next.videos !== before.videos) return false;
  if (next.messages.length < before.messages.length) return false;
  return before.messages.every((message, index) => {
    const other = next.messages[index];
    return other !== undefined && other.role === message.role && other.content === message.content;
  });
}

/** The window in force (the `contextWindow` setting). */
export function contextWindowOf(settings: ResolvedSettings): number {
  return settings.number('contextWindow') ?? DEFAULT_CONTEXT_WINDOW;
}
