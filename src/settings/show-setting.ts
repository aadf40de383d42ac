import {displayUrl} from '../api/display-url.js';
import {envName} from './env-name.js';
import type {ResolvedSetting, SettingSource} from './resolved-settings.js';
import type {SettingDef, SettingValue} from './setting-types.js';

export interface SettingShown {
  /** `-` when nothing sets it. */
  value: string;
  /** `role code` for what a role set. */
  source: Exclude<SettingSource, 'role'> | 'unset' | `role ${string}`;
}

export interface ShowStyle {
  /** Between a list's items (each quoted as JSON). */
  separator: string;
  /** Longer values are cut to this many characters, ending in `...`. */
  maxLength?: number;
}

/**
 * A setting's value and source as `config list`, `/settings` and the chat header print them.
 * A URL's password never shows (docs/configuration.md).
 */
export function showSetting(entry: ResolvedSetting | undefined, style: ShowStyle): SettingShown {
  if (entry === undefined) return {value: '-', source: 'unset'};
  return {value: showValue(entry.value, style), source: entry.source === 'role' ? `role ${entry.role ?? ''}` : entry.source};
}

export function showValue(value: SettingValue, {separator, maxLength}: ShowStyle): string {
  const text = displayUrl(Array.isArray(value) ? value.map((item) => JSON.stringify(item)).join(separator) : String(value));
  return maxLength !== undefined && text.length > maxLength ? `${text.slice(0, maxLength - 3)}...` : text;
}

/** Where a value came from, in words: `/model`, `/system` and `/set NAME` say it after the value. */
export function sourceInWords(def: SettingDef, {source, role}: ResolvedSetting): string {
  switch (source) {
    case 'session':
      return 'set with /set in this session';
    case 'flag':
      return `from --${def.flag}`;
    case 'role':
      return `from role ${role ?? ''}`;
    case 'env':
      return `from ${envName(def)}`;
    case 'config':
      return 'from the config file';
    case 'default':
      return 'the default';
  }
}
