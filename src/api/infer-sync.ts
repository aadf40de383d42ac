import {ProtocolError} from '../errors.js';
import {redact} from './redact.js';
import {taskForAttempt} from './fresh-task.js';
import {postForJson} from './post-tasks.js';
import {retrying} from './retrying.js';
import {answerForTask, type TaskAnswer} from './task-answer.js';
import type {ConnectionOptions, InferenceEvent, TextInferenceTask} from './types.js';
import {resultEvents, resultOf} from './wire-result.js';

/** Sync delivery: one POST whose answer holds every result. */
export async function* inferSync(task: TextInferenceTask, conn: ConnectionOptions): AsyncGenerator<InferenceEvent, void, undefined> {
  const answer = yield* retrying(conn, async function* (attempt) {
    const sent = taskForAttempt(task, attempt);
    const {status, body} = await postForJson(conn, [sent]);
    return {uuid: sent.taskUUID, ...answerForTask(body, sent.taskUUID, status, conn.apiKey)};
  });
  if (answer.items.length === 0) throw new ProtocolError(`the server answered without a result for task ${answer.uuid}`);
  tracePartial(answer, conn);
  yield* resultEvents(answer.items.map(resultOf));
}

/** Some of the task's results failed while others arrived: keep those, say so in the trace. */
export function tracePartial(answer: TaskAnswer, conn: ConnectionOptions): void {
  for (const error of answer.errors) {
    const message = `partial failure: ${error.message ?? 'unknown error'} (${error.code ?? 'no code'})`;
    conn.trace?.(redact(message, conn.apiKey));
  }
}
