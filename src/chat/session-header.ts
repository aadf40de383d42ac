import {dotted, wrapParts} from '../format/wrap-parts.js';
import {modelIdFor} from '../settings/model-id.js';
import type {ResolvedSettings} from '../settings/resolved-settings.js';
import type {SettingValue} from '../settings/setting-types.js';
import {SETTINGS} from '../settings/settings-table.js';
import {showSetting} from '../settings/show-setting.js';

/** Between the header's parts; a value is never cut at a row's end, only here. */
const SEPARATOR = ' · ';

/**
 * `gemma · google:gemma@4-31b · temperature 0.7 · maxTokens 200`: the model, then the settings
 * whose value is not the default (`defaults` are the command's own, as chat asks for usage and
 * cost): a config file that repeats a default adds nothing to read. Long values are cut, so
 * every part fits a 40-column row.
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
    const room = 40 - label.length;
    parts.push(label + (value.length > room ? `${value.slice(0, room - 3)}...` : value));
  }
  return parts.join(SEPARATOR);
}

/** The header as rows of `width`, broken between its parts (never inside a number or a name). */
export function headerRows(header: string, width: number): string[] {
  return wrapParts(dotted(header.split(SEPARATOR)), width);
}
