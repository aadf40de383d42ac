import type {ServerResponse} from 'node:http';
import {generate, generateAll, resultItem} from './simulator-answer.js';
import {webhookBody} from './simulator-facts.js';
import {faultJson, sendJson} from './simulator-http.js';
import {stringifyExact} from './simulator-json.js';
import type {SimState} from './simulator-state.js';
import {writeStream} from './simulator-stream.js';
import type {Script} from './simulator-types.js';
import type {TextTask, ValidTask} from './simulator-validate.js';

/** Answers a body of valid tasks: one stream task alone, or any mix of sync, async and polls. */
export async function respond(state: SimState, res: ServerResponse, tasks: ValidTask[], script: Script): Promise<void> {
  const only = tasks[0];
  if (tasks.length === 1 && only?.kind === 'text' && only.delivery === 'stream') {
    const generated = generate(only, script, 0);
    const completed = await writeStream(res, generated, script, state.tokenDelayMs);
    if (completed) {
      state.completed.add(only.taskUUID);
      sendWebhooks(only, [resultItem(generated)]);
    }
    return;
  }
  const data: Record<string, unknown>[] = [];
  const commits: (() => void)[] = [];
  for (const task of tasks) {
    if (task.kind === 'poll') {
      const entry = state.asyncTasks.get(task.taskUUID);
      if (!entry) continue; // validation already rejected unknown taskUUIDs
      const polls = entry.polls + 1;
      if (polls <= state.pollsUntilDone) {
        data.push(...entry.results.map(() => ({taskType: 'textInference', taskUUID: task.taskUUID, status: 'processing'})));
      } else {
        data.push(...entry.results.map((g) => ({...resultItem(g), status: 'success'})));
      }
      commits.push(() => {
        entry.polls = polls;
      });
      continue;
    }
    const results = generateAll(task, script);
    if (task.delivery === 'async') {
      data.push({taskType: 'textInference', taskUUID: task.taskUUID});
      commits.push(() => {
        state.asyncTasks.set(task.taskUUID, {task, results, polls: 0});
        state.completed.add(task.taskUUID);
        sendWebhooks(task, results.map((g) => ({...resultItem(g), status: 'success'})));
      });
    } else {
      const items = results.map(resultItem);
      data.push(...items);
      commits.push(() => {
        state.completed.add(task.taskUUID);
        sendWebhooks(task, items);
      });
    }
  }
  // A dropped or stalled response leaves the server's state as it was, so a retry can succeed.
  if (faultJson(res, script, 200, {data})) return;
  sendJson(res, 200, {data});
  for (const commit of commits) commit();
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
