import {UsageError, ConfigError} from '../errors.js';
import {checkStoredValue} from '../settings/check-stored-value.js';
import {envName} from '../settings/env-name.js';
import {parseSettingValues} from '../settings/parse-setting-value.js';
import {ResolvedSettings, type ResolvedSetting} from '../settings/resolved-settings.js';
import type {SettingValue} from '../settings/setting-types.js';
import {SETTINGS} from '../settings/settings-table.js';

export type {ResolvedSetting, ResolvedSettings, SettingSource} from '../settings/resolved-settings.js';

/** A role in force: its settings (its body as systemPrompt) and, for `/role`, where it came from. */
export interface RoleLayer {
  name: string;
  values: ReadonlyMap<string, SettingValue>;
  /** Where the role was chosen and where its file is, in words. */
  about: string;
}

export interface SettingLayers {
  /** `/set` in a chat: above everything else. */
  session?: ReadonlyMap<string, SettingValue>;
  flags?: ReadonlyMap<string, SettingValue>;
  /** `--role`, the config's `role`, or `/role`: between the flags and the environment. */
  role?: RoleLayer;
  env?: Record<string, string | undefined>;
  stored?: Record<string, unknown>;
  storedPath?: string;
  /** Per-command defaults that replace the table's (chat asks for usage and cost). */
  defaults?: Record<string, SettingValue>;
}

function envValue(raw: string): string[] {
  // A list in an env var is a JSON array, or one item.
  if (raw.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON: one item
    }
  }
  return [raw];
}

/**
 * Precedence: /set > flag > role > env > config file > default. Env and config values are
 * validated like flags; a role's were validated when its file was read (src/roles/parse-role.ts).
 */
export function resolveSettings(layers: SettingLayers): ResolvedSettings {
  const resolved = new Map<string, ResolvedSetting>();
  for (const def of SETTINGS) {
    const fromSession = layers.session?.get(def.name);
    if (fromSession !== undefined) {
      resolved.set(def.name, {value: fromSession, source: 'session'});
      continue;
    }
    const flag = layers.flags?.get(def.name);
    if (flag !== undefined) {
      resolved.set(def.name, {value: flag, source: 'flag'});
      continue;
    }
    const fromRole = layers.role?.values.get(def.name);
    if (fromRole !== undefined && layers.role) {
      resolved.set(def.name, {value: fromRole, source: 'role', role: layers.role.name});
      continue;
    }
    const name = envName(def);
    const fromEnv = layers.env?.[name];
    if (fromEnv !== undefined && fromEnv !== '') {
      const raws = def.kind.type === 'list' ? envValue(fromEnv) : [fromEnv];
      resolved.set(def.name, {value: parseSettingValues(def, raws, name), source: 'env'});
      continue;
    }
    const stored = def.flagOnly ? undefined : layers.stored?.[def.name];
    if (stored !== undefined) {
      try {
        resolved.set(def.name, {value: checkStoredValue(def, stored, def.name), source: 'config'});
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        throw new ConfigError(`config file ${layers.storedPath ?? ''}: ${error.message}`.replace(' :', ':'), {
          hint: `run \`gemma config unset ${def.name}\` or \`gemma config set ${def.name} <value>\``,
        });
      }
      continue;
    }
    const fallback = layers.defaults?.[def.name] ?? def.defaultValue;
    if (fallback !== undefined) resolved.set(def.name, {value: fallback, source: 'default'});
  }
  return new ResolvedSettings(resolved);
}
