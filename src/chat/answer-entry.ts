import type {InferenceResult} from '../api/types.js';
import type {AssistantEntry} from './chat-types.js';
import {tokensPerSecond, type TurnTimes} from './turn-timing.js';

/** The transcript entry of one result: its text, timing, usage and speed. */
export function answerEntry(result: InferenceResult, of: number, interrupted: boolean, times: TurnTimes): Omit<AssistantEntry, 'id'> {
  const speed = tokensPerSecond(result.usage?.completionTokens, times.streamingMs);
  return {
    kind: 'assistant',
    text: result.text,
    reasoning: result.reasoning,
    finishReason: result.finishReason,
    interrupted,
    taskUUID: result.taskUUID,
    timing: times.timing,
    ...(result.usage ? {usage: result.usage} : {}),
    ...(result.cost === undefined ? {} : {cost: result.cost}),
    ...(speed === undefined ? {} : {tokensPerSecond: speed}),
    ...(of > 1 ? {result: {index: result.index, of}} : {}),
  };
}
