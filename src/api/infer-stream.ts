import {NetworkError, ProtocolError, UsageError} from '../errors.js';
import {apiErrorFromWire, wireErrorsOf} from './error-envelope.js';
import {taskForAttempt} from './fresh-task.js';
import type {PostResponse} from './http-post.js';
import {parseResponseJson} from './parse-response-json.js';
import {errorFromResponse, postTasks} from './post-tasks.js';
import {retrying} from './retrying.js';
import {SseDecoder} from './sse-decoder.js';
import {answerForTask} from './task-answer.js';
import type {ConnectionOptions, InferenceEvent, InferenceResult, TextInferenceTask} from './types.js';
import {extrasOf, finishReasonOf, resultOf} from './wire-result.js';

/** Stream delivery: Server-Sent Events, one text or reasoning delta at a time. */
export async function* inferStream(task: TextInferenceTask, conn: ConnectionOptions): AsyncGenerator<InferenceEvent, void, undefined> {
  if ((task.numberResults ?? 1) > 1) {
    throw new UsageError('numberResults above 1 cannot be streamed: use sync or async delivery');
  }
  const result = yield* retrying(conn, async function* (attempt) {
    const sent = taskForAttempt(task, attempt);
    const response = await postTasks(conn, [sent], 'text/event-stream');
    if (response.status < 200 || response.status >= 300) throw await errorFromResponse(response, conn);
    if (isJson(response)) return yield* readWhole(response, sent.taskUUID, conn);
    return yield* readEvents(response, sent.taskUUID, conn);
  });
  yield {type: 'done', results: [result]};
}

async function* readEvents(
  response: PostResponse,
  taskUUID: string,
  conn: ConnectionOptions,
): AsyncGenerator<InferenceEvent, InferenceResult, undefined> {
  const result: InferenceResult = {taskUUID, index: 0, text: '', reasoning: '', finishReason: null};
  const decoder = new SseDecoder();
  try {
    for await (const chunk of response.chunks()) {
      for (const payload of decoder.push(chunk)) yield* onPayload(payload, result, conn);
      if (decoder.done) return result;
    }
    for (const payload of decoder.end()) yield* onPayload(payload, result, conn);
  } catch (error) {
    // The final event already arrived; losing the connection before [DONE] loses nothing.
    if (error instanceof NetworkError && result.finishReason !== null) return result;
    throw error;
  } finally {
    response.close();
  }
  return result;
}

function* onPayload(payload: unknown, result: InferenceResult, conn: ConnectionOptions): Generator<InferenceEvent> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new ProtocolError('the server sent an event that is not a JSON object');
  }
  const event = payload as Record<string, unknown>;
  const errors = wireErrorsOf(event);
  if (errors.length > 0) throw apiErrorFromWire(errors, 200, {secret: conn.apiKey});
  // One task per request, but results are matched by UUID, never assumed.
  if (typeof event.taskUUID === 'string' && event.taskUUID !== result.taskUUID) return;
  const delta = typeof event.delta === 'object' && event.delta !== null ? (event.delta as Record<string, unknown>) : {};
  if (typeof delta.reasoningContent === 'string' && delta.reasoningContent !== '') {
    if (conn.collectText !== false) result.reasoning += delta.reasoningContent;
    yield {type: 'reasoning', text: delta.reasoningContent, index: 0};
  }
  if (typeof delta.text === 'string' && delta.text !== '') {
    if (conn.collectText !== false) result.text += delta.text;
    yield {type: 'text', text: delta.text, index: 0};
  }
  const finishReason = finishReasonOf(event.finishReason);
  if (finishReason !== null) Object.assign(result, {finishReason}, extrasOf(event));
}

/** A JSON answer to a stream request: an error envelope, or (leniently) a whole sync result. */
async function* readWhole(
  response: PostResponse,
  taskUUID: string,
  conn: ConnectionOptions,
): AsyncGenerator<InferenceEvent, InferenceResult, undefined> {
  const {items} = answerForTask(parseResponseJson(await response.text()), taskUUID, response.status, conn.apiKey);
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
