import {ApiError, NetworkError, ProtocolError, UsageError} from '../errors.js';
import {formatDuration} from './format-duration.js';
import {retrying, sleep, submitOnce, type Shown} from './attempts.js';
import {errorFromResponse, postForJson, postTasks, SYNC_WAIT_MS, type PostResponse} from './transport/post.js';
import type {ConnectionOptions, InferenceEvent, InferenceResult, TextInferenceTask} from './types.js';
import {parseResponseJson} from './wire/json.js';
import {answerForTask, resultEvents, resultOf, type TaskAnswer, type WireItem} from './wire/results.js';
import {SseDecoder, StreamAnswer} from './wire/sse.js';

/**
 * Runs one textInference task and yields the same events whatever the delivery method:
 * reasoning and text as they become known, retry/pending notices, then `done`. Failures are
 * thrown as typed errors (ApiError, NetworkError, ProtocolError, InterruptedError), never yielded.
 * A sync or stream task is sent again (under a fresh taskUUID) only when the failure proves the
 * service never had it; an async submit is resent under its own taskUUID. `done` reports the UUID
 * that answered.
 */
export async function* infer(task: TextInferenceTask, conn: ConnectionOptions): AsyncGenerator<InferenceEvent, void, undefined> {
  switch (task.deliveryMethod ?? 'sync') {
    case 'stream':
      return yield* inferStream(task, conn);
    case 'async':
      return yield* inferAsync(task, conn);
    case 'sync':
      return yield* inferSync(task, conn);
    default:
      throw new UsageError(`unknown deliveryMethod ${String(task.deliveryMethod)}: use sync, async or stream`);
  }
}

/**
 * Sync delivery: one POST whose answer holds every result. The service sends nothing until the
 * answer is complete, so the wait is long (`syncWaitMs`), and a request that may have reached the
 * service is never sent again: that would be a second generation and a second bill.
 */
async function* inferSync(task: TextInferenceTask, conn: ConnectionOptions): AsyncGenerator<InferenceEvent, void, undefined> {
  const answer = yield* submitOnce(task, conn, async function* (sent) {
    const {status, body} = await postForJson(conn, [sent], {answerWaitMs: conn.syncWaitMs ?? SYNC_WAIT_MS});
    return {uuid: sent.taskUUID, ...answerForTask(body, sent.taskUUID, status, conn.apiKey)};
  });
  if (answer.items.length === 0) throw new ProtocolError(`the server answered without a result for task ${answer.uuid}`);
  // Every item is checked (answerForTask) before the first event, so a failed result shows nothing.
  yield* resultEvents(answer.items.map(resultOf));
}

/**
 * Stream delivery: Server-Sent Events, each chunk's text and reasoning as it arrives. A stream
 * is sent again only when nothing of it arrived and the failure proves the service never had the
 * request (as for sync: a delivered request may be running, and billed).
 */
async function* inferStream(task: TextInferenceTask, conn: ConnectionOptions): AsyncGenerator<InferenceEvent, void, undefined> {
  if ((task.numberResults ?? 1) > 1) {
    throw new UsageError('numberResults above 1 cannot be streamed: use sync or async delivery');
  }
  const result = yield* submitOnce(task, conn, async function* (sent, shown) {
    const response = await postTasks(conn, [sent], 'text/event-stream');
    if (response.status < 200 || response.status >= 300) throw await errorFromResponse(response, conn);
    if (isJson(response)) return yield* readWhole(response, sent.taskUUID, conn);
    return yield* readEvents(response, sent.taskUUID, conn, shown);
  });
  yield {type: 'done', results: [result]};
}

/**
 * The events of an SSE body: per network chunk read, at most one reasoning and one text event
 * (StreamAnswer gathers the chunk's deltas), so the chain of generators up to the printer takes
 * one step per chunk, not per token. `shown` notes that something went out (no resend after).
 */
async function* readEvents(
  response: PostResponse,
  taskUUID: string,
  conn: ConnectionOptions,
  shown: Shown,
): AsyncGenerator<InferenceEvent, InferenceResult, undefined> {
  const answer = new StreamAnswer(taskUUID, conn);
  const decoder = new SseDecoder();
  try {
    for await (const chunk of response.chunks()) {
      yield* gathered(answer, () => decoder.push(chunk, answer.add), shown);
      if (decoder.done) break;
    }
    if (!decoder.done) yield* gathered(answer, () => decoder.end(answer.add), shown);
  } catch (error) {
    // The final event already arrived; losing the connection before [DONE] loses nothing.
    if (!(error instanceof NetworkError && answer.result.finishReason !== null)) throw error;
  } finally {
    response.close();
  }
  yield* answer.end();
  return answer.result;
}

/**
 * Feeds one chunk and yields its events; when the chunk ends in a failure (a malformed event, an
 * error event), what came before it in the chunk is yielded first, then the failure is thrown.
 */
function* gathered(answer: StreamAnswer, feed: () => void, shown: Shown): Generator<InferenceEvent, void, undefined> {
  let failure: {error: unknown} | undefined;
  try {
    feed();
  } catch (error) {
    failure = {error};
  }
  const events = answer.take();
  if (events.length > 0) shown.any = true;
  yield* events;
  if (failure) throw failure.error;
}

/** A JSON answer to a stream request: an error envelope, or (leniently) a whole sync result. */
async function* readWhole(
  response: PostResponse,
  taskUUID: string,
  conn: ConnectionOptions,
): AsyncGenerator<InferenceEvent, InferenceResult, undefined> {
  const {items} = answerForTask(parseResponseJson(await response.text(), conn.apiKey), taskUUID, response.status, conn.apiKey);
  if (items[0] === undefined) throw new ProtocolError(`the server answered without a result for task ${taskUUID}`);
  const result = resultOf(items[0], 0);
  if (result.reasoning) yield {type: 'reasoning', text: result.reasoning, index: 0};
  if (result.text) yield {type: 'text', text: result.text, index: 0};
  return result;
}

function isJson(response: PostResponse): boolean {
  const type = response.headers['content-type'];
  return (Array.isArray(type) ? type[0] : type)?.includes('application/json') ?? false;
}

type PollPolicy = NonNullable<ConnectionOptions['poll']>;

/** PROTOCOL.md: start about 1 s, grow ×1.5, cap 10 s; 20 minutes in all, as the official SDK. */
export const DEFAULT_POLL: PollPolicy = {initialMs: 1000, factor: 1.5, capMs: 10_000, limitMs: 20 * 60_000};

/** The code the service answers a taskUUID it already has with (the SDKs' catalogue). */
const CONFLICT_TASK_UUID = 'conflictTaskUUID';

/**
 * Async delivery: submit, then poll with getResponse until numberResults results are `success`.
 * The submit is resent under its own taskUUID (never a new one), so a resend can never start a
 * second task: if the first reached the service, the answer is `conflictTaskUUID`, which proves
 * the task was accepted, and polling goes on. Polls are always safe to resend. The first failed
 * result (in `data` with status "error", or in `errors`) ends the task at once.
 */
async function* inferAsync(task: TextInferenceTask, conn: ConnectionOptions): AsyncGenerator<InferenceEvent, void, undefined> {
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

export function stillRunning(uuid: string, limitMs: number): NetworkError {
  return new NetworkError(
    `task ${uuid} was still processing after ${formatDuration(limitMs)} of polling; it may still finish on the server (and be billed)`,
    'timeout',
  );
}
