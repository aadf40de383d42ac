import {modelIdFor} from '../settings/model-id.js';
import type {ResolvedSettings} from '../settings/resolved-settings.js';
import type {SettingValue} from '../settings/setting-types.js';
import {SETTINGS} from '../settings/settings-table.js';
import {showSetting} from '../settings/show-setting.js';

/** Between the header's parts; a value is never cut at a row's end, only here. */
export const HEADER_SEPARATOR = ' · ';

/**
 * The most of a value the header shows, in characters (a long system prompt is one row, not a
 * screenful); the UI then cuts each part to the row by its width (src/ui/header-rows.ts). Counted
 * here without measuring: piped chat makes a header too, and loads no text layout.
 */
const VALUE_COLUMNS = 60;

/**
 * `gemma · google:gemma@4-31b · temperature 0.7 · maxTokens 200`: the model, then the settings
 * whose value is not the default (`defaults` are the command's own, as chat asks for usage and
 * cost): a config file that repeats a default adds nothing to read. Long values are cut (at
 * VALUE_COLUMNS here, and to the row by src/ui/header-rows.ts), so every part fits one row at any width.
 * It is on the chat's first frame: a character outside ASCII and the built UI's NARROW_CHARS
 * (scripts/ui-build-plugins.mjs, which has `·`) sends string-width down its long path there, about
 * 15 ms of the time to the prompt the first time.
 */
export function sessionHeader(settings: ResolvedSettings, defaults: Readonly<Record<string, SettingValue>> = {}): string {
  const parts = ['gemma', modelIdFor(settings.string('model') ?? '')];
  for (const def of SETTINGS) {
    const entry = settings.get(def.name);
    if (!entry || entry.source === 'default' || def.hiddenInHeader) continue;
    const fallback = defaults[def.name] ?? def.defaultValue;
    if (fallback !== undefined && JSON.stringify(fallback) === JSON.stringify(entry.value)) continue;
    // A role's system prompt is long and the role's name says it: `role code`.
    if (def.name === 'systemPrompt' && entry.source === 'role') {
      parts.push(`role ${entry.role ?? ''}`);
      continue;
    }
    const label = `${def.name} `;
    // One row per part at most: a system prompt's line breaks are shown as spaces.
    const value = showSetting(entry, {separator: ','}).value.replace(/\s+/g, ' ');
    const characters = [...value];
    parts.push(label + (characters.length > VALUE_COLUMNS ? `${characters.slice(0, VALUE_COLUMNS - 1).join('').trimEnd()}…` : value));
  }
  return parts.join(HEADER_SEPARATOR);
}
