import type {InferenceResult, TextInferenceTask} from '../api/types.js';
import {overWindow, shapeOf} from '../context/estimate-request.js';
import {ApiError, ExitCode, GemmaError, NetworkError, UsageError} from '../errors.js';
import {resolveSettings} from '../config/resolve-settings.js';
import {jsonResult} from '../output/json-answer.js';
import {buildTask} from '../request/build-task.js';
import type {SettingValue} from '../settings/setting-types.js';
import {modelIdFor} from '../settings/model-id.js';
import type {BatchBase, BatchItem, BatchItemError, BatchOutcome} from './batch-types.js';

export interface ItemTask {
  task: TextInferenceTask;
  model: string;
}

/**
 * The task for one item, as `ask` builds it: the item's settings take the flags' place over the
 * role, env and config layers. Usage is always asked for (the summary counts tokens), cost when
 * a budget is set.
 */
export async function taskForItem(item: BatchItem, base: BatchBase, options: {delivery: TextInferenceTask['deliveryMethod']; withCost: boolean}): Promise<ItemTask> {
  const flags = new Map<string, SettingValue>(item.settings);
  if (item.system !== undefined) flags.set('systemPrompt', item.system);
  if (item.images !== undefined) flags.set('images', item.images);
  if (item.videos !== undefined) flags.set('videos', item.videos);
  flags.set('deliveryMethod', options.delivery ?? 'sync');
  flags.set('includeUsage', true);
  if (options.withCost) flags.set('includeCost', true);
  const settings = resolveSettings({...base.layers, flags});
  const task = await buildTask(settings, [{role: 'user', content: item.prompt}]);
  // As `ask`: a prompt over the window is refused here, unsent, not by the service after billing.
  const tooLong = overWindow(shapeOf(task), settings.number('contextWindow') ?? Infinity);
  if (tooLong) throw new UsageError(tooLong);
  return {task, model: modelIdFor(settings.string('model') ?? '')};
}

/** A finished item: one result as `ask --json` prints it; several under `results`. */
export function okOutcome(item: BatchItem, results: InferenceResult[], model: string): BatchOutcome {
  const answers = results.map((result) => jsonResult(result, model));
  return {
    id: item.id,
    line: item.line,
    ok: true,
    answer: answers.length === 1 && answers[0] ? answers[0] : {results: answers},
    costUsd: results.reduce((sum, result) => sum + (result.cost ?? 0), 0),
    tokens: results.reduce((sum, result) => sum + (result.usage?.totalTokens ?? 0), 0),
  };
}

export function failedOutcome(item: BatchItem, error: unknown): BatchOutcome {
  return {id: item.id, line: item.line, ok: false, error: itemError(error)};
}

/** The recorded error: typed errors keep their sentence and exit code; the code names the API's code or the kind of failure. */
function itemError(error: unknown): BatchItemError {
  if (error instanceof ApiError) return {message: error.message, code: error.code, exitCode: error.exitCode};
  if (error instanceof NetworkError) return {message: error.message, code: `network-${error.kind}`, exitCode: error.exitCode};
  if (error instanceof GemmaError) return {message: error.message, code: error.name, exitCode: error.exitCode};
  return {message: error instanceof Error ? error.message : String(error), code: 'Error', exitCode: ExitCode.failure};
}

/**
 * A refusal every later item would get too (a bad key, no credits, forbidden): the batch stops
 * taking items rather than record the same failure for each of them.
 */
export function failsEveryItem(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 402 || error.status === 403 || error.code === 'invalidApiKey' || error.code === 'insufficientCredits');
}

/** A 429: the service refused to take the request, so it is no failure of the item. */
export function isRateLimit(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 429;
}
