import type {ServerResponse} from 'node:http';
import {generate, generateAll, resultItem, type Generated} from './simulator-answer.js';
import {RESULT_ERROR, webhookBody} from './simulator-facts.js';
import {faultJson, sendJson, sleep} from './simulator-http.js';
import type {ErrorObject} from './simulator-http.js';
import {stringifyExact} from './simulator-json.js';
import type {AsyncTask, SimState} from './simulator-state.js';
import {writeStream} from './simulator-stream.js';
import type {Script} from './simulator-types.js';
import type {TextTask, ValidTask} from './simulator-validate.js';

/** What one body's answer holds: result items, and the errors of failed results beside them. */
interface Answer {
  data: Record<string, unknown>[];
  errors: ErrorObject[];
}

/**
 * Answers a body of valid tasks: one stream task alone, or any mix of sync, async and polls. The
 * tasks are accepted (their taskUUIDs used, polls counted) as the answer starts, before any hold
 * or fault: the real service runs, and bills, a task whose answer never reaches the client.
 */
export async function respond(state: SimState, res: ServerResponse, tasks: ValidTask[], script: Script): Promise<void> {
  const only = tasks[0];
  if (tasks.length === 1 && only?.kind === 'text' && only.delivery === 'stream') {
    const generated = generate(only, script, 0);
    state.completed.add(only.taskUUID);
    await sleep(script.holdMs ?? 0);
    if (await writeStream(res, generated, script, state.tokenDelayMs, state.coalesce)) sendWebhooks(only, [resultItem(generated)]);
    return;
  }
  const answer: Answer = {data: [], errors: []};
  for (const task of tasks) {
    if (task.kind === 'poll') {
      const entry = state.asyncTasks.get(task.taskUUID);
      if (entry) pollAnswer(entry, ++entry.polls - state.pollsUntilDone, answer);
      continue; // validation already rejected unknown taskUUIDs
    }
    const results = generateAll(task, script);
    state.completed.add(task.taskUUID);
    if (task.delivery === 'async') {
      answer.data.push({taskType: 'textInference', taskUUID: task.taskUUID});
      state.asyncTasks.set(task.taskUUID, {task, results, polls: 0, script});
      sendWebhooks(task, results.filter((_, k) => !fails(script, k)).map((g) => ({...resultItem(g), status: 'success'})));
    } else {
      results.forEach((g, k) => (fails(script, k) ? addFailure(answer, g, script, 'errors') : answer.data.push(resultItem(g))));
      sendWebhooks(task, results.filter((_, k) => !fails(script, k)).map(resultItem));
    }
  }
  const body = answer.errors.length > 0 ? answer : {data: answer.data};
  await sleep(script.holdMs ?? 0);
  if (res.destroyed || faultJson(res, script, 200, body)) return;
  sendJson(res, 200, body);
}

/**
 * One poll of an accepted async task; `finishedPolls` counts the polls past `pollsUntilDone`.
 * Until then every result is `processing`, after it every result is finished. With
 * `listFinishedOnly` unfinished results are not listed at all, and one finishes per poll.
 */
function pollAnswer(entry: AsyncTask, finishedPolls: number, answer: Answer): void {
  const {task, results, script} = entry;
  const finished = script.listFinishedOnly ? Math.max(0, Math.min(results.length, finishedPolls)) : finishedPolls > 0 ? results.length : 0;
  results.forEach((g, k) => {
    if (k < finished) {
      if (fails(script, k)) addFailure(answer, g, script, 'data');
      else answer.data.push({...resultItem(g), status: 'success'});
    } else if (!script.listFinishedOnly) {
      answer.data.push({taskType: 'textInference', taskUUID: task.taskUUID, status: 'processing'});
    }
  });
}

function fails(script: Script, index: number): boolean {
  return script.failResults?.includes(index) ?? false;
}

/** A failed result: an item with status "error" in `data`, or an error object in `errors`. */
function addFailure(answer: Answer, g: Generated, script: Script, where: 'data' | 'errors'): void {
  const error = {code: script.failCode ?? RESULT_ERROR.code, message: script.failMessage ?? RESULT_ERROR.message};
  if ((script.failIn ?? where) === 'data') answer.data.push({taskType: 'textInference', taskUUID: g.taskUUID, status: 'error', error});
  else answer.errors.push({...error, taskType: 'textInference', taskUUID: g.taskUUID});
}

/** POSTs each finished result to the task's webhookURL; failures are ignored. */
function sendWebhooks(task: TextTask, items: Record<string, unknown>[]): void {
  const url = task.webhookURL;
  if (url === undefined) return;
  for (const item of items) {
    fetch(url, {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: stringifyExact(webhookBody(item)),
      signal: AbortSignal.timeout(5000),
    })
      .then((response) => response.body?.cancel())
      .catch(() => undefined);
  }
}
