import type {InferenceEvent, TextInferenceTask} from '../api/types.js';
import {answerEvent, turnEndOf} from './answer-event.js';
import type {SessionWriter} from './session-writer.js';

/**
 * Passes the events through and appends the answer to the session when it ends: whole on
 * `done`; what had arrived, marked interrupted or failed, when it stopped short (an empty one
 * too, so the session shows the turn and replay leaves it out of the context).
 */
export async function* recordAnswer(
  events: AsyncIterable<InferenceEvent>,
  task: TextInferenceTask,
  writer: Pick<SessionWriter, 'append'>,
  signal: AbortSignal | undefined,
  /** The API key, redacted from what is recorded. */
  secret: string | undefined,
): AsyncGenerator<InferenceEvent, void, undefined> {
  let text = '';
  let reasoning = '';
  try {
    for await (const event of events) {
      if (event.type === 'text' && event.index === 0) text += event.text;
      if (event.type === 'reasoning' && event.index === 0) reasoning += event.text;
      if (event.type === 'done' && event.results[0]) writer.append(answerEvent(event.results[0], task, {how: 'done'}, secret));
      yield event;
    }
  } catch (error) {
    writer.append(answerEvent({taskUUID: task.taskUUID, text, reasoning, finishReason: null}, task, turnEndOf(error, signal), secret));
    throw error;
  }
}

/**
 * `writer`, with appends that never throw: the first failure goes to `report` (one line, once),
 * later ones are dropped quietly until an append succeeds again. For `ask -c`, whose answer is
 * still printed (and keeps its own exit code) when the session cannot be saved.
 */
export function reportingFailures(writer: Pick<SessionWriter, 'append'>, report: (error: unknown) => void): Pick<SessionWriter, 'append'> {
  let failing = false;
  return {
    append(event) {
      try {
        writer.append(event);
        failing = false;
      } catch (error) {
        if (!failing) report(error);
        failing = true;
      }
    },
  };
}
