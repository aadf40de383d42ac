import {NetworkError, ProtocolError, UsageError} from '../errors.js';
import {apiErrorFromWire, wireErrorsOf} from './error-envelope.js';
import {taskForAttempt} from './fresh-task.js';
import {notResent} from './network-error.js';
import type {PostResponse} from './http-post.js';
import {parseResponseJson} from './parse-response-json.js';
import {errorFromResponse, postTasks} from './post-tasks.js';
import {retrying} from './retrying.js';
import {SseDecoder} from './sse-decoder.js';
import {answerForTask} from './task-answer.js';
import {ThoughtSplitter, type ThoughtPiece} from './thought-channel.js';
import type {ConnectionOptions, InferenceEvent, InferenceResult, TextInferenceTask} from './types.js';
import {extrasOf, finishReasonOf, resultOf} from './wire-result.js';

/**
 * Stream delivery: Server-Sent Events, one text or reasoning delta at a time. A stream is sent
 * again only when nothing of it arrived and the failure proves the service never had the request
 * (as for sync: a delivered request may be running, and billed).
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
      return yield* noting(readEvents(response, sent.taskUUID, conn), shown);
    } catch (error) {
      // Once part of the answer is out, the failure speaks for itself (the text is kept).
      throw shown.any ? error : notResent(error, sent.taskUUID);
    }
  });
  yield {type: 'done', results: [result]};
}

async function* readEvents(
  response: PostResponse,
  taskUUID: string,
  conn: ConnectionOptions,
): AsyncGenerator<InferenceEvent, InferenceResult, undefined> {
  const result: InferenceResult = {taskUUID, index: 0, text: '', reasoning: '', finishReason: null};
  const size = {chars: 0};
  const decoder = new SseDecoder();
  const thoughts = new ThoughtSplitter();
  try {
    for await (const chunk of response.chunks()) {
      for (const payload of decoder.push(chunk)) yield* onPayload(payload, result, thoughts, conn, size);
      if (decoder.done) break;
    }
    if (!decoder.done) for (const payload of decoder.end()) yield* onPayload(payload, result, thoughts, conn, size);
  } catch (error) {
    // The final event already arrived; losing the connection before [DONE] loses nothing.
    if (!(error instanceof NetworkError && result.finishReason !== null)) throw error;
  } finally {
    response.close();
  }
  yield* pieces(thoughts.end(), result, conn, size);
  return result;
}

function* onPayload(
  payload: unknown,
  result: InferenceResult,
  thoughts: ThoughtSplitter,
  conn: ConnectionOptions,
  size: {chars: number},
): Generator<InferenceEvent> {
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
    yield* pieces([{kind: 'reasoning', text: delta.reasoningContent}], result, conn, size);
  }
  // The model may write its thought channel into the text: that part is reasoning too.
  if (typeof delta.text === 'string' && delta.text !== '') yield* pieces(thoughts.push(delta.text), result, conn, size);
  const finishReason = finishReasonOf(event.finishReason);
  if (finishReason !== null) result.finishReason = finishReason;
  // Usage and cost are taken from whichever event carries them (the final one, or one after it).
  Object.assign(result, extrasOf(event));
}

/**
 * The longest answer (text and reasoning) a stream may grow to. A real one is far shorter (the
 * model's window is 256K tokens); a server that streams small events without end would otherwise
 * fill the memory of a chat, which keeps the answer, or of `ask --json` / `ask -c`.
 */
export const MAX_ANSWER_CHARS = 16 * 1024 * 1024;

function* pieces(parts: ThoughtPiece[], result: InferenceResult, conn: ConnectionOptions, size: {chars: number}): Generator<InferenceEvent> {
  for (const {kind, text} of parts) {
    size.chars += text.length;
    if (size.chars > MAX_ANSWER_CHARS) throw new ProtocolError(`the answer passed ${MAX_ANSWER_CHARS / 1048576} MiB; the rest was not read`);
    if (conn.collectText !== false) result[kind === 'text' ? 'text' : 'reasoning'] += text;
    yield {type: kind, text, index: 0};
  }
}

/** Passes the events of `source` through, noting in `shown` that one went out. */
async function* noting<T>(source: AsyncGenerator<InferenceEvent, T, undefined>, shown: {any: boolean}): AsyncGenerator<InferenceEvent, T, undefined> {
  for (;;) {
    const step = await source.next();
    if (step.done) return step.value;
    shown.any = true;
    yield step.value;
  }
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
