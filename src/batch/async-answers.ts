import {isObject} from '../api/is-object.js';
import {postTasks} from '../api/transport/post.js';
import type {ConnectionOptions, WireError} from '../api/types.js';
import {apiErrorFromResponse, apiErrorFromWire, wireErrorsOf} from '../api/wire/error-envelope.js';
import {parseResponseJson} from '../api/wire/json.js';
import type {WireItem} from '../api/wire/results.js';
import type {ApiError} from '../errors.js';

/** The code the service answers a taskUUID it already has with (the SDKs' catalogue). */
const CONFLICT_TASK_UUID = 'conflictTaskUUID';

/** What one answer says of one task of its body. */
export type TaskNews =
  | {kind: 'failed'; error: Error}
  /** Accepted or still processing; `done` holds the results already `success`. */
  | {kind: 'running'; done: WireItem[]}
  /** A body refused for other tasks in it: this one was not looked at (a submit: not accepted). */
  | {kind: 'unanswered'; error: ApiError};

interface WireTask {
  taskType: string;
  taskUUID: string;
}

/**
 * POSTs many tasks (submits or getResponse polls) in one body and reads what the answer says of
 * each, by taskUUID. A 4xx whose errors name our tasks is per-task news (the service rejects the
 * whole body for one bad task); any other non-2xx is the request's own failure, thrown as
 * ApiError (429, 5xx: for the caller to retry; 401: for every task).
 */
export async function postMany(conn: ConnectionOptions, tasks: readonly WireTask[], resent: boolean): Promise<Map<string, TaskNews>> {
  const response = await postTasks(conn, tasks, 'application/json');
  const text = await response.text();
  const status = response.status;
  let body: unknown;
  if (status >= 200 && status < 300) body = parseResponseJson(text, conn.apiKey);
  else {
    body = parsedOrUndefined(text);
    const named = new Set(tasks.map((task) => task.taskUUID));
    const errors = wireErrorsOf(body);
    const perTask = status >= 400 && status < 500 && status !== 429 && errors.length > 0 && errors.every((error) => typeof error.taskUUID === 'string' && named.has(error.taskUUID));
    if (!perTask) throw apiErrorFromResponse({status, headers: response.headers, bodyText: text}, conn.apiKey);
  }
  return newsOf(body, tasks, status, {resent, secret: conn.apiKey});
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Each task's news. A task the answer does not mention is failed as a protocol breach (never
 * resent: the service may have it). On a resent submit, `conflictTaskUUID` proves the first
 * reached the service: the task is running.
 */
function newsOf(body: unknown, tasks: readonly WireTask[], status: number, options: {resent: boolean; secret: string}): Map<string, TaskNews> {
  const data = isObject(body) && Array.isArray(body.data) ? body.data.filter(isObject) : [];
  const errors = wireErrorsOf(body);
  const anonymous = errors.filter((error) => typeof error.taskUUID !== 'string');
  const news = new Map<string, TaskNews>();
  for (const {taskUUID} of tasks) {
    const mine = data.filter((item) => item.taskUUID === taskUUID);
    const failures: WireError[] = [
      ...errors.filter((error) => error.taskUUID === taskUUID && !(options.resent && error.code === CONFLICT_TASK_UUID)),
      ...mine.filter((item) => item.status === 'error').map((item) => failureOf(item, taskUUID)),
    ];
    const conflict = options.resent && errors.some((error) => error.taskUUID === taskUUID && error.code === CONFLICT_TASK_UUID);
    if (failures.length > 0 || (anonymous.length > 0 && mine.length === 0 && !conflict)) {
      news.set(taskUUID, {kind: 'failed', error: apiErrorFromWire(failures.length > 0 ? failures : anonymous, status, {secret: options.secret})});
    } else if (mine.length > 0 || conflict) {
      news.set(taskUUID, {kind: 'running', done: mine.filter((item) => item.status === 'success')});
    } else if (status >= 300) {
      news.set(taskUUID, {kind: 'unanswered', error: apiErrorFromWire(errors, status, {secret: options.secret})});
    } else {
      news.set(taskUUID, {kind: 'failed', error: apiErrorFromWire([{code: 'missingResult', message: `the server answered without task ${taskUUID}`}], status, {secret: options.secret})});
    }
  }
  return news;
}

function failureOf(item: WireItem, taskUUID: string): WireError {
  const error = isObject(item.error) ? item.error : item;
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : 'a result of the task failed';
  return {...error, message, taskUUID} as WireError;
}
