import {v4 as uuidv4} from 'uuid';
import type {ChatMessage, TextInferenceTask} from '../api/types.js';
import {UsageError} from '../errors.js';
import type {ResolvedSettings} from '../settings/resolved-settings.js';
import {SETTINGS} from '../settings/settings-table.js';
import {readMedia} from './read-media.js';

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] ?? ''] = value;
}

/**
 * The textInference task for a conversation. A field is sent only when the user set it (or the
 * row says our default differs from the server's); a row's `toWire` may leave it out. Local media
 * files are read here, when the request is built: settings only hold their paths.
 */
export async function buildTask(settings: ResolvedSettings, messages: ChatMessage[]): Promise<TextInferenceTask> {
  settings = withDeliveryForResults(settings);
  const task: Record<string, unknown> = {taskType: 'textInference', taskUUID: uuidv4()};
  for (const def of SETTINGS) {
    const entry = settings.get(def.name);
    if (!def.wire || !entry) continue;
    // A command's own default (chat asks for usage) differs from the table's and is sent.
    if (entry.source === 'default' && !def.sendDefault && entry.value === def.defaultValue) continue;
    const value = def.toWire ? def.toWire(entry.value) : entry.value;
    if (value === undefined) continue;
    const media = def.media;
    setPath(task, def.wire, media && Array.isArray(value) ? await Promise.all(value.map((item) => readMedia(item, media, `--${def.flag}`))) : value);
  }
  task.messages = messages;
  return task as unknown as TextInferenceTask;
}

/** The service cannot stream several results: the default delivery becomes sync; an explicit stream is an error. */
function withDeliveryForResults(settings: ResolvedSettings): ResolvedSettings {
  const results = settings.number('numberResults') ?? 1;
  const delivery = settings.get('deliveryMethod');
  if (results <= 1 || delivery?.value !== 'stream') return settings;
  if (delivery.source !== 'default') {
    throw new UsageError(`--number-results ${results} cannot be streamed (deliveryMethod "stream" from ${delivery.source}); allowed: --delivery sync or async`);
  }
  return settings.with('deliveryMethod', {value: 'sync', source: 'default'});
}
