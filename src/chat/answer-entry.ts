import type {InferenceResult} from '../api/types.js';
import type {AssistantEntry} from './chat-types.js';

/** When an answer's first reasoning and text arrived, to time its phases. */
export interface AnswerClock {
  timing: {firstReasoning?: number; firstText?: number};
  startedAt: number;
  totalMs: number;
}

/** The transcript entry of one result: its text, timing, usage and speed. */
export function answerEntry(
  result: InferenceResult,
  of: number,
  interrupted: boolean,
  clock: AnswerClock,
): Omit<AssistantEntry, 'id'> {
  const {timing, startedAt, totalMs} = clock;
  const firstTokenMs = timing.firstText === undefined ? undefined : timing.firstText - startedAt;
  const thinkingMs = timing.firstReasoning === undefined ? undefined : (timing.firstText ?? startedAt + totalMs) - timing.firstReasoning;
  const streamingMs = firstTokenMs === undefined ? 0 : totalMs - firstTokenMs;
  const completion = result.usage?.completionTokens;
  return {
    kind: 'assistant',
    text: result.text,
    reasoning: result.reasoning,
    finishReason: result.finishReason,
    interrupted,
    taskUUID: result.taskUUID,
    timing: {totalMs, ...(firstTokenMs === undefined ? {} : {firstTokenMs}), ...(thinkingMs === undefined ? {} : {thinkingMs})},
    ...(result.usage ? {usage: result.usage} : {}),
    ...(result.cost === undefined ? {} : {cost: result.cost}),
    ...(completion && streamingMs > 50 ? {tokensPerSecond: completion / (streamingMs / 1000)} : {}),
    ...(of > 1 ? {result: {index: result.index, of}} : {}),
  };
}
