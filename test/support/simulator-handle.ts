import type {IncomingMessage, ServerResponse} from 'node:http';
import {TaskError, isObject} from './simulator-check.js';
import type {Json} from './simulator-check.js';
import {CODES, INVALID_API_KEY, MAX_BODY_BYTES, MESSAGES, STATUS_FOR, STREAM_TASKS_PER_REQUEST, statusDefault} from './simulator-facts.js';
import {faultBeforeHeaders, readBody, sendErrors, sleep} from './simulator-http.js';
import {retryAfterSeconds} from './simulator-rate-limit.js';
import type {ErrorObject} from './simulator-http.js';
import {promptTokens} from './simulator-answer.js';
import {rawMemberTexts} from './simulator-json.js';
import {respond} from './simulator-respond.js';
import {isApiPath, nextFault, pathOf, takeScript} from './simulator-state.js';
import type {SimState} from './simulator-state.js';
import type {Script} from './simulator-types.js';
import {validateTask} from './simulator-validate.js';
import type {ValidTask} from './simulator-validate.js';

/** Handles every request outside /__sim: records it, then answers as the service would. */
export async function handleApi(state: SimState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const path = req.url ?? '/';
  const arrived = Date.now();
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    // Refuse at once, without reading the body, as a front proxy would.
    state.requests.push({method, path, headers: req.headers, rawBody: '', body: undefined, receivedAt: Date.now()});
    res.setHeader('Connection', 'close');
    sendErrors(res, STATUS_FOR.payloadTooLarge, [{code: CODES.payloadTooLarge, message: MESSAGES.tooLarge}]);
    req.resume();
    return;
  }
  if (nextFault(state) === 'dropUnread' && method === 'POST' && isApiPath(pathOf(path))) {
    // Gone before the body is read: a client still sending it never got its request out.
    takeScript(state);
    state.requests.push({method, path, headers: req.headers, rawBody: '', body: undefined, receivedAt: Date.now()});
    req.socket.destroy();
    return;
  }
  const {raw, tooLarge} = await readBody(req, MAX_BODY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    body = undefined;
  }
  state.requests.push({method, path, headers: req.headers, rawBody: tooLarge ? '' : raw, body, receivedAt: arrived});
  if (method !== 'POST' || !isApiPath(pathOf(path))) {
    sendErrors(res, STATUS_FOR.notFound, [{code: CODES.notFound, message: MESSAGES.notFound}]);
    return;
  }
  const script = takeScript(state, body);
  if (faultBeforeHeaders(res, script)) return;
  // `status` always means an HTTP error; a bare `code` too, unless it names a mid-stream error.
  if (script.status !== undefined || (script.code !== undefined && script.fault !== 'midStreamError')) {
    sendScriptedError(res, script, body);
    return;
  }
  const auth = req.headers.authorization ?? '';
  const match = /^Bearer (.+)$/i.exec(auth);
  if (!match || match[1] !== state.apiKey) {
    sendErrors(res, 401, [{...INVALID_API_KEY}]);
    return;
  }
  const retryAfter = retryAfterSeconds(state, match[1]);
  if (retryAfter !== undefined) {
    sendErrors(res, 429, [{...statusDefault(429)}], {retryAfter});
    return;
  }
  await sleep(script.latencyMs ?? state.latencyMs);
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    sendErrors(res, STATUS_FOR.contentType, [{code: CODES.invalidContentType, message: MESSAGES.contentType}]);
    return;
  }
  if (tooLarge) {
    sendErrors(res, STATUS_FOR.payloadTooLarge, [{code: CODES.payloadTooLarge, message: MESSAGES.tooLarge}]);
    return;
  }
  if (!Array.isArray(body) || body.length === 0 || !body.every(isObject)) {
    sendErrors(res, 400, [{code: CODES.invalidRequestBody, message: MESSAGES.body}]);
    return;
  }
  const {tasks, errors, status} = validateBody(state, body, raw);
  if (errors.length > 0) {
    sendErrors(res, status, errors);
    return;
  }
  await respond(state, res, tasks, script);
}

/** The scripted error: one error object per task in the body (getResponse ones with status "error"). */
function sendScriptedError(res: ServerResponse, script: Script, body: unknown): void {
  const status = script.status ?? 400;
  const fallback = statusDefault(status);
  const base: ErrorObject = {code: script.code ?? fallback.code, message: script.message ?? fallback.message};
  const tasks = Array.isArray(body) ? body.filter(isObject) : [];
  const errors = tasks.map((task): ErrorObject => {
    const error: ErrorObject = {...base, ...identity(task)};
    if (task.taskType === 'getResponse') error.status = 'error';
    return error;
  });
  sendErrors(res, status, errors.length > 0 ? errors : [base], script);
}

function identity(task: Json): {taskType?: string; taskUUID?: string} {
  const id: {taskType?: string; taskUUID?: string} = {};
  if (typeof task.taskType === 'string') id.taskType = task.taskType;
  if (typeof task.taskUUID === 'string') id.taskUUID = task.taskUUID;
  return id;
}

function toErrorObject(error: TaskError, task: Json): ErrorObject {
  const object: ErrorObject = {code: error.code, message: error.message};
  if (error.parameter !== undefined) object.parameter = error.parameter;
  return {...object, ...identity(task)};
}

/** Validates every task, then the rules that span tasks and server state. */
function validateBody(state: SimState, body: Json[], raw: string): {tasks: ValidTask[]; errors: ErrorObject[]; status: number} {
  const seeds = rawMemberTexts(raw, 'seed');
  const tasks: ValidTask[] = [];
  const errors: ErrorObject[] = [];
  const seen = new Set<string>();
  let status = 400;
  body.forEach((task, index) => {
    try {
      const valid = validateTask(task, seeds[index]);
      if (valid.kind === 'poll') {
        if (!state.asyncTasks.has(valid.taskUUID)) {
          throw new TaskError(CODES.taskFailedOrNotFound, MESSAGES.taskFailedOrNotFound(valid.taskUUID), 'taskUUID', STATUS_FOR.taskFailedOrNotFound);
        }
      } else {
        if (valid.delivery === 'stream' && body.length > STREAM_TASKS_PER_REQUEST) {
          throw new TaskError(CODES.invalidParameter, MESSAGES.streamAlone, 'deliveryMethod');
        }
        if (state.completed.has(valid.taskUUID) || state.asyncTasks.has(valid.taskUUID) || seen.has(valid.taskUUID)) {
          throw new TaskError(CODES.conflictTaskUUID, MESSAGES.conflict(valid.taskUUID), 'taskUUID');
        }
        seen.add(valid.taskUUID);
        const tokens = promptTokens(valid);
        if (tokens > state.contextWindow) {
          throw new TaskError(CODES.contextLengthExceeded, MESSAGES.contextLength(tokens, state.contextWindow), 'messages');
        }
      }
      tasks.push(valid);
    } catch (error) {
      if (!(error instanceof TaskError)) throw error;
      errors.push(toErrorObject(error, task));
      status = errors.length === 1 ? error.status : status;
    }
  });
  return {tasks, errors, status};
}
