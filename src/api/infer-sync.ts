import {ProtocolError} from '../errors.js';
import {taskForAttempt} from './fresh-task.js';
import {notResent} from './network-error.js';
import {postForJson, SYNC_WAIT_MS} from './post-tasks.js';
import {retrying} from './retrying.js';
import {answerForTask} from './task-answer.js';
import type {ConnectionOptions, InferenceEvent, TextInferenceTask} from './types.js';
import {resultEvents, resultOf} from './wire-result.js';

/**
 * Sync delivery: one POST whose answer holds every result. The service sends nothing until the
 * answer is complete, so the wait is long (`syncWaitMs`), and a request that may have reached the
 * service is never sent again: that would be a second generation and a second bill.
 */
export async function* inferSync(task: TextInferenceTask, conn: ConnectionOptions): AsyncGenerator<InferenceEvent, void, undefined> {
  const answer = yield* retrying(conn, 'once', async function* (attempt) {
    const sent = taskForAttempt(task, attempt);
    try {
      const {status, body} = await postForJson(conn, [sent], {answerWaitMs: conn.syncWaitMs ?? SYNC_WAIT_MS});
      return {uuid: sent.taskUUID, ...answerForTask(body, sent.taskUUID, status, conn.apiKey)};
    } catch (error) {
      throw notResent(error, sent.taskUUID);
    }
  });
  if (answer.items.length === 0) throw new ProtocolError(`the server answered without a result for task ${answer.uuid}`);
  // Every item is checked (answerForTask) before the first event, so a failed result shows nothing.
  yield* resultEvents(answer.items.map(resultOf));
}
