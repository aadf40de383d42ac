import type {SettingDef} from './setting-types.js';

/** GEMMA_MAX_TOKENS for maxTokens, unless the row names another variable. */
export function envName(def: SettingDef): string {
  if (def.env) return def.env;
  return `GEMMA_${def.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}
