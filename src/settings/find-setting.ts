import {UsageError} from '../errors.js';
import type {SettingDef} from './setting-types.js';
import {SETTINGS} from './settings-table.js';

/** Lower-cased, dash- and underscore-free, so `max-tokens`, `max_tokens` and `maxTokens` all match. */
function fold(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

const byFoldedName = new Map<string, SettingDef>();
for (const def of SETTINGS) {
  byFoldedName.set(fold(def.name), def);
  byFoldedName.set(fold(def.flag), def);
}

/** A setting by its config name or its flag name, in any case or dash style. */
export function findSetting(name: string, options: {configurable?: boolean} = {}): SettingDef {
  const def = byFoldedName.get(fold(name.replace(/^--?/, '')));
  if (def && !(options.configurable && def.flagOnly)) return def;
  const names = SETTINGS.filter((d) => !(options.configurable && d.flagOnly)).map((d) => d.name);
  throw new UsageError(`unknown setting "${name}"; settings are: ${names.join(', ')}`);
}
