import {displayUrl} from '../api/display-url.js';
import type {ResolvedSettings} from '../config/resolve-settings.js';
import {modelIdFor} from '../settings/model-id.js';
import type {SettingValue} from '../settings/setting-types.js';

const HIDDEN = new Set(['model', 'json', 'verbose', 'includeUsage', 'includeCost', 'showThinking']);

function short(value: SettingValue): string {
  const text = displayUrl(Array.isArray(value) ? value.map((item) => JSON.stringify(item)).join(',') : String(value));
  return text.length > 30 ? `${text.slice(0, 27)}...` : text;
}

/**
 * `gemma · google:gemma@4-31b · temperature 0.7 · maxTokens 200`: the settings not at their default.
 * It is on the chat's first frame: a character outside ASCII and the built UI's NARROW_CHARS
 * (scripts/ui-build-plugins.mjs, which has `·`) sends string-width down its long path there, about
 * 15 ms of the time to the prompt the first time.
 */
export function sessionHeader(settings: ResolvedSettings): string {
  const parts = [`gemma · ${modelIdFor(String(settings.get('model')?.value))}`];
  for (const [name, entry] of settings) {
    if (entry.source === 'default' || HIDDEN.has(name)) continue;
    parts.push(`${name} ${short(entry.value)}`);
  }
  return parts.join(' · ');
}
