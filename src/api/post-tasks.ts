import {displayUrl} from './display-url.js';
import {apiErrorFromResponse} from './error-envelope.js';
import {httpPost, type PostResponse} from './http-post.js';
import {parseResponseJson} from './parse-response-json.js';
import {redact} from './redact.js';
import {serializeTasks} from './serialize-tasks.js';
import type {ConnectionOptions} from './types.js';

export interface WireTask {
  taskType: string;
  taskUUID: string;
  deliveryMethod?: string;
}

export interface PostWait {
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
