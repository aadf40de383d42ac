import {InterruptedError, ProtocolError} from '../../errors.js';
import {displayUrl} from '../display-url.js';
import {redact} from '../redact.js';
import type {ConnectionOptions, ResponseHeaders, UndiciLoader} from '../types.js';
import {apiErrorFromResponse} from '../wire/error-envelope.js';
import {parseResponseJson, serializeTasks} from '../wire/json.js';
import {IdleGuard} from './idle-guard.js';
import {sendRequest, tracksDelivery, type RawResponse} from './send-request.js';

interface WireTask {
  taskType: string;
  taskUUID: string;
  deliveryMethod?: string;
}

interface PostWait {
  /** How long the answer may take to begin once the request is delivered; default conn.timeoutMs. */
  answerWaitMs?: number;
}

/** The SDK's budget for one call: how long a delivered sync request waits for its answer. */
export const SYNC_WAIT_MS = 20 * 60_000;

/** POSTs tasks to the API, tracing one line out and one line back (never the key). */
export async function postTasks(
  conn: ConnectionOptions,
  tasks: readonly WireTask[],
  accept: string,
  wait: PostWait = {},
): Promise<PostResponse> {
  const url = conn.baseUrl.replace(/\/+$/, '');
  const first = tasks[0];
  const method = first?.taskType === 'textInference' ? (first.deliveryMethod ?? 'sync') : first?.deliveryMethod;
  const mode = method ? ` ${method}` : '';
  conn.trace?.(`POST ${displayUrl(url)} ${first?.taskType ?? '?'}${mode} ${tasks.length} task(s)`);
  const started = Date.now();
  try {
    const response = await httpPost(url, serializeTasks(tasks), {
      apiKey: conn.apiKey,
      timeoutMs: conn.timeoutMs,
      ...(wait.answerWaitMs === undefined ? {} : {answerWaitMs: wait.answerWaitMs}),
      ...(conn.userAgent ? {userAgent: conn.userAgent} : {}),
      accept,
      signal: conn.signal,
      useProxy: conn.useProxy === true,
      ...(conn.loadUndici ? {loadUndici: conn.loadUndici} : {}),
    });
    conn.trace?.(`${response.status} in ${Date.now() - started} ms`);
    return response;
  } catch (error) {
    conn.trace?.(`failed in ${Date.now() - started} ms: ${error instanceof Error ? redact(error.message, conn.apiKey) : 'unknown error'}`);
    throw error;
  }
}

/** Reads a non-2xx answer into its ApiError. */
export async function errorFromResponse(response: PostResponse, conn: ConnectionOptions): Promise<Error> {
  const bodyText = await response.text();
  return apiErrorFromResponse({status: response.status, headers: response.headers, bodyText}, conn.apiKey);
}

/** POSTs and reads a JSON answer; a non-2xx status is thrown as ApiError. */
export async function postForJson(
  conn: ConnectionOptions,
  tasks: readonly WireTask[],
  wait: PostWait = {},
): Promise<{status: number; body: unknown}> {
  const response = await postTasks(conn, tasks, 'application/json', wait);
  if (response.status < 200 || response.status >= 300) throw await errorFromResponse(response, conn);
  return {status: response.status, body: parseResponseJson(await response.text(), conn.apiKey)};
}

/**
 * The largest whole body read (a sync answer, an error envelope): far above any real answer (a
 * few results of 32k tokens), low enough that a server sending without end is cut off long before
 * memory runs out.
 */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

interface PostOptions {
  apiKey: string;
  /** Longest silence allowed: connecting, waiting for headers, between body chunks. */
  timeoutMs: number;
  /** Longest wait for the headers once the request is delivered; default `timeoutMs`. */
  answerWaitMs?: number;
  userAgent?: string;
  accept: string;
  signal?: AbortSignal;
  /** Send through the proxy the environment names (the caller read HTTPS_PROXY / HTTP_PROXY). */
  useProxy?: boolean;
  loadUndici?: UndiciLoader;
}

export interface PostResponse {
  status: number;
  headers: ResponseHeaders;
  /** The body, chunk by chunk. Failures arrive as NetworkError or InterruptedError. */
  chunks(): AsyncGenerator<Uint8Array, void, undefined>;
  /** The whole body as text (invalid UTF-8 replaced); a ProtocolError past MAX_RESPONSE_BYTES. */
  text(): Promise<string>;
  /** Stop reading; releases the connection if the body was not read to the end. */
  close(): void;
}

/**
 * One POST. Failures before the status line throw NetworkError (connect / timeout / dropped, with
 * whether the request had been delivered) or InterruptedError; an HTTP error status is not thrown
 * here, the caller reads its envelope.
 */
async function httpPost(url: string, body: string, options: PostOptions): Promise<PostResponse> {
  if (options.signal?.aborted) throw new InterruptedError();
  const host = new URL(url).host;
  const useProxy = options.useProxy === true;
  const guard = new IdleGuard({
    outer: options.signal,
    timeoutMs: options.timeoutMs,
    answerWaitMs: options.answerWaitMs ?? options.timeoutMs,
    tracksDelivery: tracksDelivery({useProxy}),
    host,
    secret: options.apiKey,
  });
  const headers: Record<string, string> = {authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json', accept: options.accept};
  if (options.userAgent) headers['user-agent'] = options.userAgent;
  let response: RawResponse;
  try {
    response = await sendRequest({
      url,
      headers,
      body,
      // The guard's clock is the only one, so a timeout has one message whatever phase it hit.
      signal: guard.signal,
      useProxy,
      ...(options.loadUndici ? {loadUndici: options.loadUndici} : {}),
      connectTimeoutMs: options.timeoutMs,
      onDelivered: () => guard.delivered(),
    });
  } catch (error) {
    throw guard.failure(error, 'request');
  }
  guard.touch();
  let finished = false;

  async function* chunks(): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      for await (const chunk of response.body) {
        guard.pause();
        yield chunk;
        guard.touch();
      }
      finished = true;
    } catch (error) {
      throw guard.failure(error, 'body');
    } finally {
      close();
    }
  }

  function close(): void {
    guard.stop();
    if (!finished) response.cancel();
  }

  async function text(): Promise<string> {
    const decoder = new TextDecoder('utf-8', {fatal: false});
    const parts: string[] = [];
    let size = 0;
    for await (const chunk of chunks()) {
      size += chunk.byteLength;
      // Leaving the loop closes the connection: the rest of the body is never read.
      if (size > MAX_RESPONSE_BYTES) throw new ProtocolError(`the server sent a response larger than ${MAX_RESPONSE_BYTES / 1048576} MiB; it was not read`);
      parts.push(decoder.decode(chunk, {stream: true}));
    }
    parts.push(decoder.decode());
    return parts.join('');
  }

  return {status: response.status, headers: response.headers, chunks, text, close};
}
