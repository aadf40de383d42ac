import {parseSettingValues} from './parse-setting-value.js';
import type {SettingDef, SettingValue} from './setting-types.js';

/**
 * Validates a value read back from the config file (already typed JSON) by the same rules as a
 * flag, so a hand-edited file cannot smuggle an out-of-range value into a request.
 */
export function checkStoredValue(def: SettingDef, value: unknown, label: string): SettingValue {
  const raws = Array.isArray(value) ? value.map(String) : [typeof value === 'string' ? value : JSON.stringify(value)];
  return parseSettingValues(def, raws, label);
}
