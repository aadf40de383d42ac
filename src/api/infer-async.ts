import {ApiError, NetworkError} from '../errors.js';
import {formatDuration} from './format-duration.js';
import {postForJson} from './post-tasks.js';
import {retrying} from './retrying.js';
import {sleep} from './retry-policy.js';
import {answerForTask, type TaskAnswer, type WireItem} from './task-answer.js';
import type {ConnectionOptions, InferenceEvent, TextInferenceTask} from './types.js';
import {resultEvents, resultOf} from './wire-result.js';

export type PollPolicy = NonNullable<ConnectionOptions['poll']>;

/** PROTOCOL.md: start about 1 s, grow ×1.5, cap 10 s; 20 minutes in all, as the official SDK. */
const DEFAULT_POLL: PollPolicy = {initialMs: 1000, factor: 1.5, capMs: 10_000, limitMs: 20 * 60_000};

/** The code the service answers a taskUUID it already has with (the SDKs' catalogue). */
const CONFLICT_TASK_UUID = 'conflictTaskUUID';

/**
 * Async delivery: submit, then poll with getResponse until numberResults results are `success`.
 * The submit is resent under its own taskUUID (never a new one), so a resend can never start a
 * second task: if the first reached the service, the answer is `conflictTaskUUID`, which proves
 * the task was accepted, and polling goes on. Polls are always safe to resend. The first failed
 * result (in `data` with status "error", or in `errors`) ends the task at once.
 */
export async function* inferAsync(task: TextInferenceTask, conn: ConnectionOptions): AsyncGenerator<InferenceEvent, void, undefined> {
  const policy = conn.poll ?? DEFAULT_POLL;
  const wanted = task.numberResults ?? 1;
  const uuid = task.taskUUID;
  const submitted = yield* retrying(conn, 'idempotent', async function* (attempt) {
    try {
      const {status, body} = await postForJson(conn, [task]);
      return answerForTask(body, uuid, status, conn.apiKey);
    } catch (error) {
      if (attempt === 1 || !(error instanceof ApiError) || error.code !== CONFLICT_TASK_UUID) throw error;
      conn.trace?.(`task ${uuid} was already accepted (${CONFLICT_TASK_UUID}); polling for it`);
      return {items: []};
    }
  });
  const early = successes(submitted);
  if (early.length >= wanted) return yield* resultEvents(early.map(resultOf));

  const started = Date.now();
  let delayMs = policy.initialMs;
  for (let polls = 1; ; polls++) {
    if (Date.now() - started + delayMs > policy.limitMs) throw stillRunning(uuid, policy.limitMs);
    await sleep(delayMs, conn.signal);
    const answer = yield* retrying(conn, 'idempotent', async function* () {
      const {status, body} = await postForJson(conn, [{taskType: 'getResponse', taskUUID: uuid}]);
      return answerForTask(body, uuid, status, conn.apiKey);
    });
    // A poll may list only the finished results: done when enough of them are, not when all listed are.
    const done = successes(answer);
    if (done.length >= wanted) return yield* resultEvents(done.map(resultOf));
    yield {type: 'pending', elapsedMs: Date.now() - started, polls};
    delayMs = Math.min(policy.capMs, delayMs * policy.factor);
  }
}

function successes(answer: TaskAnswer): WireItem[] {
  return answer.items.filter((item) => item.status === 'success');
}

function stillRunning(uuid: string, limitMs: number): NetworkError {
  return new NetworkError(
    `task ${uuid} was still processing after ${formatDuration(limitMs)} of polling; it may still finish on the server (and be billed)`,
    'timeout',
  );
}
