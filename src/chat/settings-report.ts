import {displayUrl} from '../api/display-url.js';
import type {ResolvedSettings} from '../config/resolve-settings.js';
import {SETTINGS} from '../settings/settings-table.js';

/** `/settings`: every setting's effective value and where it came from. */
export function settingsReport(settings: ResolvedSettings): string {
  const rows = SETTINGS.filter((def) => !def.flagOnly).map((def) => {
    const entry = settings.get(def.name);
    const value = entry === undefined ? '-' : displayUrl(Array.isArray(entry.value) ? entry.value.map((v) => JSON.stringify(v)).join(', ') : String(entry.value));
    return [def.name, value.length > 40 ? `${value.slice(0, 37)}...` : value, entry?.source ?? 'unset'] as const;
  });
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  return rows.map(([name, value, source]) => `${name.padEnd(nameWidth)}  ${value.padEnd(valueWidth)}  ${source}`).join('\n');
}
