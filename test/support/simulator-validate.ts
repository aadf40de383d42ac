import {
  TaskError, checkBoolean, checkEnum, checkHttpUrl, checkInteger, checkSeedLiteral, checkStep, checkString,
  checkStringList, invalid, isObject, isUuidV4, rejectUnknown, requireField,
} from './simulator-check.js';
import type {Json} from './simulator-check.js';
import {CODES, MAX_IMAGE_BYTES, MAX_SEED, MAX_VIDEO_BYTES, MESSAGES, MODEL_ID} from './simulator-facts.js';

export type Delivery = 'sync' | 'async' | 'stream';
export interface Message {
  role: 'user' | 'assistant';
  content: string;
}

/** A textInference task that passed validation, reduced to what the simulator uses. */
export interface TextTask {
  kind: 'text';
  taskUUID: string;
  delivery: Delivery;
  messages: Message[];
  systemPrompt?: string;
  maxTokens?: number;
  stopSequences?: string[];
  thinkingLevel: 'low' | 'high';
  includeCost: boolean;
  includeUsage: boolean;
  numberResults: number;
  seed?: bigint;
  webhookURL?: string;
  mediaCount: number;
}
export interface PollTask {
  kind: 'poll';
  taskUUID: string;
}
export type ValidTask = TextTask | PollTask;

const TOP_LEVEL = [
  'taskType', 'taskUUID', 'model', 'messages', 'deliveryMethod', 'outputFormat', 'webhookURL', 'includeCost',
  'includeUsage', 'numberResults', 'seed', 'inputs', 'settings',
] as const;
const SETTINGS = [
  'systemPrompt', 'temperature', 'topP', 'topK', 'minP', 'maxTokens', 'stopSequences', 'frequencyPenalty',
  'presencePenalty', 'repetitionPenalty', 'thinkingLevel',
] as const;
/** settings fields on the 0.01 grid, with their ranges (PROTOCOL.md). */
const STEPPED: Record<string, [number, number]> = {
  temperature: [0, 2], topP: [0, 1], minP: [0, 1], frequencyPenalty: [0, 2], presencePenalty: [-2, 2], repetitionPenalty: [0, 2],
};

/**
 * Validates one task object from the body. `rawSeed` is the literal text of its `seed` member in
 * the raw body (JSON.parse would round it). Throws TaskError on the first problem found.
 */
export function validateTask(task: Json, rawSeed: string | undefined): ValidTask {
  const taskType = requireField(task, 'taskType');
  const taskUUID = requireField(task, 'taskUUID');
  if (!isUuidV4(taskUUID)) throw invalid('taskUUID', 'a UUID v4');
  if (taskType === 'getResponse') {
    rejectUnknown(task, ['taskType', 'taskUUID']);
    return {kind: 'poll', taskUUID};
  }
  if (taskType !== 'textInference') {
    throw new TaskError(CODES.invalidTaskType, MESSAGES.taskType(String(taskType)), 'taskType');
  }
  rejectUnknown(task, TOP_LEVEL);
  const model = requireField(task, 'model');
  if (typeof model !== 'string') throw invalid('model', `"${MODEL_ID}"`);
  if (model !== MODEL_ID) throw new TaskError(CODES.invalidModel, MESSAGES.model(model), 'model');
  const messages = checkMessages(requireField(task, 'messages'));
  const delivery = task.deliveryMethod === undefined ? 'sync' : checkEnum(task.deliveryMethod, 'deliveryMethod', ['sync', 'async', 'stream'] as const);
  if (task.outputFormat !== undefined) checkEnum(task.outputFormat, 'outputFormat', ['TEXT']);
  const webhookURL = task.webhookURL === undefined ? undefined : checkHttpUrl(task.webhookURL, 'webhookURL');
  const includeCost = task.includeCost === undefined ? false : checkBoolean(task.includeCost, 'includeCost');
  const includeUsage = task.includeUsage === undefined ? false : checkBoolean(task.includeUsage, 'includeUsage');
  const numberResults = task.numberResults === undefined ? 1 : checkInteger(task.numberResults, 'numberResults', 1, 4);
  if (delivery === 'stream' && task.numberResults !== undefined && numberResults > 1) {
    throw new TaskError(CODES.invalidParameter, MESSAGES.streamResults, ['numberResults', 'deliveryMethod']);
  }
  const seed = task.seed === undefined ? undefined : checkSeedLiteral(rawSeed, 'seed', MAX_SEED);
  const mediaCount = task.inputs === undefined ? 0 : checkInputs(task.inputs);
  const result: TextTask = {
    kind: 'text', taskUUID, delivery, messages, includeCost, includeUsage, numberResults, mediaCount, thinkingLevel: 'high',
  };
  if (seed !== undefined) result.seed = seed;
  if (webhookURL !== undefined) result.webhookURL = webhookURL;
  if (task.settings !== undefined) applySettings(task.settings, result);
  return result;
}

function checkMessages(value: unknown): Message[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('messages', 'a non-empty array of {role, content} objects');
  const messages = value.map((item: unknown, index): Message => {
    const where = `messages[${index}]`;
    if (!isObject(item)) throw invalid(where, 'an object {role, content}');
    rejectUnknown(item, ['role', 'content'], `${where}.`);
    const role = checkEnum(requireField(item, 'role', `${where}.`), `${where}.role`, ['user', 'assistant'] as const);
    const content = checkString(requireField(item, 'content', `${where}.`), `${where}.content`);
    return {role, content};
  });
  if (messages[messages.length - 1]?.role !== 'user') {
    throw new TaskError(CODES.invalidParameter, MESSAGES.lastMessage, 'messages');
  }
  return messages;
}

function checkInputs(value: unknown): number {
  if (!isObject(value)) throw invalid('inputs', 'an object {images?, videos?}');
  rejectUnknown(value, ['images', 'videos'], 'inputs.');
  let count = 0;
  for (const [key, max] of [['images', MAX_IMAGE_BYTES], ['videos', MAX_VIDEO_BYTES]] as const) {
    if (value[key] === undefined) continue;
    const items = checkStringList(value[key], `inputs.${key}`);
    items.forEach((item, index) => {
      const bytes = inlineBytes(item);
      if (bytes > max) throw new TaskError(CODES.mediaTooLarge, MESSAGES.mediaTooLarge(`inputs.${key}[${index}]`, max), `inputs.${key}[${index}]`);
    });
    count += items.length;
  }
  return count;
}

/** Decoded size of an inline (data URI or bare base64) media item; 0 for URLs and media UUIDs. */
function inlineBytes(item: string): number {
  if (/^https?:\/\//i.test(item) || /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(item)) return 0;
  const comma = item.startsWith('data:') ? item.indexOf(',') + 1 : 0;
  const base64 = item.length - comma;
  return Math.floor((base64 * 3) / 4);
}

function applySettings(value: unknown, task: TextTask): void {
  if (!isObject(value)) throw invalid('settings', 'an object');
  rejectUnknown(value, SETTINGS, 'settings.');
  for (const [key, [min, max]] of Object.entries(STEPPED)) {
    if (value[key] !== undefined) checkStep(value[key], `settings.${key}`, min, max);
  }
  if (value.systemPrompt !== undefined) task.systemPrompt = checkString(value.systemPrompt, 'settings.systemPrompt', 1, 50000);
  if (value.topK !== undefined) checkInteger(value.topK, 'settings.topK', 1, 100);
  if (value.maxTokens !== undefined) task.maxTokens = checkInteger(value.maxTokens, 'settings.maxTokens', 1);
  if (value.stopSequences !== undefined) task.stopSequences = checkStringList(value.stopSequences, 'settings.stopSequences');
  if (value.thinkingLevel !== undefined) {
    task.thinkingLevel = checkEnum(value.thinkingLevel, 'settings.thinkingLevel', ['low', 'high'] as const);
  }
}
