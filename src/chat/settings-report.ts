import type {ResolvedSettings} from '../settings/resolved-settings.js';
import {SETTINGS} from '../settings/settings-table.js';
import {showSetting} from '../settings/show-setting.js';

/** `/settings`: every setting's effective value and where it came from. */
export function settingsReport(settings: ResolvedSettings): string {
  const rows = SETTINGS.filter((def) => !def.flagOnly).map((def) => {
    const {value, source} = showSetting(settings.get(def.name), {separator: ', ', maxLength: 40});
    return [def.name, value, source] as const;
  });
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  return rows.map(([name, value, source]) => `${name.padEnd(nameWidth)}  ${value.padEnd(valueWidth)}  ${source}`).join('\n');
}
