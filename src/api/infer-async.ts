import {NetworkError} from '../errors.js';
import {formatDuration} from './format-duration.js';
import {taskForAttempt} from './fresh-task.js';
import {tracePartial} from './infer-sync.js';
import {postForJson} from './post-tasks.js';
import {retrying} from './retrying.js';
import {sleep} from './retry-policy.js';
import {answerForTask, type TaskAnswer, type WireItem} from './task-answer.js';
import type {ConnectionOptions, InferenceEvent, TextInferenceTask} from './types.js';
import {resultEvents, resultOf} from './wire-result.js';

export type PollPolicy = NonNullable<ConnectionOptions['poll']>;

/** PROTOCOL.md: start about 1 s, grow ×1.5, cap 10 s; we give up after 10 minutes. */
export const DEFAULT_POLL: PollPolicy = {initialMs: 1000, factor: 1.5, capMs: 10_000, limitMs: 600_000};

/**
 * Async delivery: submit, then poll with getResponse until every result is in. The submit answer
 * `{"data":[{"taskUUID"}]}` is an inferred shape, so it is only checked for errors; should it
 * already hold finished results, they are used without polling.
 */
export async function* inferAsync(task: TextInferenceTask, conn: ConnectionOptions): AsyncGenerator<InferenceEvent, void, undefined> {
  const policy = conn.poll ?? DEFAULT_POLL;
  const submitted = yield* retrying(conn, async function* (attempt) {
    const sent = taskForAttempt(task, attempt);
    const {status, body} = await postForJson(conn, [sent]);
    return {uuid: sent.taskUUID, ...answerForTask(body, sent.taskUUID, status, conn.apiKey)};
  });
  const {uuid} = submitted;
  if (isFinished(submitted)) return yield* finish(submitted, conn);

  const started = Date.now();
  let delayMs = policy.initialMs;
  for (let polls = 1; ; polls++) {
    if (Date.now() - started + delayMs > policy.limitMs) throw stillRunning(uuid, policy.limitMs);
    await sleep(delayMs, conn.signal);
    const answer = yield* retrying(conn, async function* () {
      const {status, body} = await postForJson(conn, [{taskType: 'getResponse', taskUUID: uuid}]);
      return answerForTask(body, uuid, status, conn.apiKey);
    });
    if (isFinished(answer)) return yield* finish(answer, conn);
    yield {type: 'pending', elapsedMs: Date.now() - started, polls};
    delayMs = Math.min(policy.capMs, delayMs * policy.factor);
  }
}

/** Done when results are in and none is still processing; failed ones came in `errors`. */
function isFinished(answer: TaskAnswer): boolean {
  return answer.items.length > 0 && answer.items.every((item) => item.status === 'success');
}

function* finish(answer: TaskAnswer, conn: ConnectionOptions): Generator<InferenceEvent, void, undefined> {
  tracePartial(answer, conn);
  yield* resultEvents(answer.items.map((item: WireItem, index) => resultOf(item, index)));
}

function stillRunning(uuid: string, limitMs: number): NetworkError {
  return new NetworkError(
    `task ${uuid} was still processing after ${formatDuration(limitMs)} of polling; it may still finish on the server (and be billed)`,
    'timeout',
  );
}
