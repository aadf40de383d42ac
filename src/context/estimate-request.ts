import type {ChatMessage, TextInferenceTask} from '../api/types.js';
import {estimateMediaTokens, estimateTokens, TOKENS_PER_MESSAGE} from './estimate-tokens.js';

/** What of a request takes room in the context window. */
export interface RequestShape {
  systemPrompt?: string;
  messages: readonly ChatMessage[];
  images: number;
  videos: number;
}

export function shapeOf(task: TextInferenceTask): RequestShape {
  return {
    ...(task.settings?.systemPrompt === undefined ? {} : {systemPrompt: task.settings.systemPrompt}),
    messages: task.messages,
    images: task.inputs?.images?.length ?? 0,
    videos: task.inputs?.videos?.length ?? 0,
  };
}

/** The estimated tokens of some messages, their turn markers included. */
export function estimateMessages(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + TOKENS_PER_MESSAGE + estimateTokens(message.content), 0);
}

/** The estimated prompt tokens of a whole request: system prompt, messages and media. */
export function estimateRequest(shape: RequestShape): number {
  return (shape.systemPrompt === undefined ? 0 : TOKENS_PER_MESSAGE + estimateTokens(shape.systemPrompt)) + estimateMessages(shape.messages) + estimateMediaTokens(shape);
}

/** `131K`: a window size as Runware's model page writes it (thousands, rounded). */
export function formatWindow(tokens: number): string {
  return tokens >= 1000 ? `${Math.round(tokens / 1000)}K` : String(tokens);
}

/** `850`, `1.2k`, `31k`: an estimate, with no more digits than it deserves. */
export function formatTokens(tokens: number): string {
  if (tokens < 1000) return String(tokens);
  const thousands = tokens / 1000;
  return `${thousands < 10 ? Number(thousands.toFixed(1)) : Math.round(thousands)}k`;
}

/**
 * The sentence refusing a request whose estimate is over the window, or undefined when it fits.
 * Told before anything is sent: the service would refuse it anyway, after a round trip.
 */
export function overWindow(shape: RequestShape, window: number): string | undefined {
  const tokens = estimateRequest(shape);
  if (tokens <= window) return undefined;
  return `the prompt is about ${formatTokens(tokens)} tokens (estimated), more than the context window of ${formatWindow(window)} (${window} tokens); allowed: fewer or smaller files (-f), or a larger --context-window if the model takes it`;
}
