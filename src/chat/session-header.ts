import {modelIdFor} from '../settings/model-id.js';
import type {ResolvedSettings} from '../settings/resolved-settings.js';
import {SETTINGS} from '../settings/settings-table.js';
import {showSetting} from '../settings/show-setting.js';

/**
 * `gemma · google:gemma@4-31b · temperature 0.7 · maxTokens 200`: the settings not at their default.
 * It is on the chat's first frame: a character outside ASCII and the built UI's NARROW_CHARS
 * (scripts/ui-build-plugins.mjs, which has `·`) sends string-width down its long path there, about
 * 15 ms of the time to the prompt the first time.
 */
export function sessionHeader(settings: ResolvedSettings): string {
  const parts = [`gemma · ${modelIdFor(settings.string('model') ?? '')}`];
  for (const def of SETTINGS) {
    const entry = settings.get(def.name);
    if (!entry || entry.source === 'default' || def.hiddenInHeader) continue;
    parts.push(`${def.name} ${showSetting(entry, {separator: ',', maxLength: 30}).value}`);
  }
  return parts.join(' · ');
}
