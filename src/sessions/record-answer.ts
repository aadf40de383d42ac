import type {InferenceEvent, InferenceResult, TextInferenceTask} from '../api/types.js';
import {InterruptedError} from '../errors.js';
import {requestSummary} from './request-summary.js';
import type {SessionWriter} from './session-writer.js';

/**
 * Passes the events through and appends the answer to the session when it ends: whole on
 * `done`, and what had arrived when it failed or was interrupted (never an empty answer).
 */
export async function* recordAnswer(
  events: AsyncIterable<InferenceEvent>,
  task: TextInferenceTask,
  writer: Pick<SessionWriter, 'append'>,
): AsyncGenerator<InferenceEvent, void, undefined> {
  let text = '';
  let reasoning = '';
  const save = (result: Omit<InferenceResult, 'index'>, interrupted: boolean): void => {
    const {usage, cost} = result;
    writer.append({
      type: 'assistant', text: result.text, reasoning: result.reasoning, finishReason: result.finishReason, interrupted,
      taskUUID: result.taskUUID, request: requestSummary(task), ...(usage ? {usage} : {}), ...(cost === undefined ? {} : {cost}),
    });
  };
  try {
    for await (const event of events) {
      if (event.type === 'text' && event.index === 0) text += event.text;
      if (event.type === 'reasoning' && event.index === 0) reasoning += event.text;
      if (event.type === 'done' && event.results[0]) save(event.results[0], false);
      yield event;
    }
  } catch (error) {
    if (text || reasoning) save({taskUUID: task.taskUUID, text, reasoning, finishReason: null}, error instanceof InterruptedError);
    throw error;
  }
}
