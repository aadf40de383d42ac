import {NetworkError, ProtocolError, UsageError} from '../errors.js';
import {taskForAttempt} from './fresh-task.js';
import {notResent} from './network-error.js';
import type {PostResponse} from './http-post.js';
import {parseResponseJson} from './parse-response-json.js';
import {errorFromResponse, postTasks} from './post-tasks.js';
import {retrying} from './retrying.js';
import {SseDecoder} from './sse-decoder.js';
import {answerForTask} from './task-answer.js';
import {StreamAnswer} from './stream-answer.js';
import type {ConnectionOptions, InferenceEvent, InferenceResult, TextInferenceTask} from './types.js';
import {resultOf} from './wire-result.js';

/**
 * Stream delivery: Server-Sent Events, each chunk's text and reasoning as it arrives. A stream
 * is sent again only when nothing of it arrived and the failure proves the service never had the
 * request (as for sync: a delivered request may be running, and billed).
 */
export async function* inferStream(task: TextInferenceTask, conn: ConnectionOptions): AsyncGenerator<InferenceEvent, void, undefined> {
  if ((task.numberResults ?? 1) > 1) {
    throw new UsageError('numberResults above 1 cannot be streamed: use sync or async delivery');
  }
  const result = yield* retrying(conn, 'once', async function* (attempt) {
    const sent = taskForAttempt(task, attempt);
    const shown = {any: false};
    try {
      const response = await postTasks(conn, [sent], 'text/event-stream');
      if (response.status < 200 || response.status >= 300) throw await errorFromResponse(response, conn);
      if (isJson(response)) return yield* readWhole(response, sent.taskUUID, conn);
      return yield* readEvents(response, sent.taskUUID, conn, shown);
    } catch (error) {
      // Once part of the answer is out, the failure speaks for itself (the text is kept).
      throw shown.any ? error : notResent(error, sent.taskUUID);
    }
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
  shown: {any: boolean},
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
function* gathered(answer: StreamAnswer, feed: () => void, shown: {any: boolean}): Generator<InferenceEvent, void, undefined> {
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
