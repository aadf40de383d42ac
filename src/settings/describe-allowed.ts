import type {SettingDef, SettingKind, SettingValue} from './setting-types.js';

/** What a setting accepts, in words: used in error messages and in docs/settings.md. */
export function describeAllowed(kind: SettingKind): string {
  switch (kind.type) {
    case 'number':
      return `a number from ${kind.min} to ${kind.max}${kind.step ? ` in steps of ${kind.step}` : ''}`;
    case 'integer':
      return kind.max === undefined ? `a whole number, at least ${kind.min}` : `a whole number from ${kind.min} to ${kind.max}`;
    case 'big-integer':
      return `a whole number from ${kind.min} to ${kind.max}`;
    case 'enum':
      return kind.values.map((v) => `"${v}"`).join(' or ');
    case 'text':
      return `text of ${kind.minLength} to ${kind.maxLength} characters`;
    case 'url':
      return 'an http:// or https:// URL';
    case 'boolean':
      return 'true or false';
    case 'list':
      return `${kind.itemLabel}; repeat to add more`;
  }
}

/** What a setting accepts, in brief for --help (`low|high`, `0 to 2`); none where its placeholder says it. */
function allowedInBrief(kind: SettingKind): string | undefined {
  switch (kind.type) {
    case 'number':
    case 'big-integer':
      return `${kind.min} to ${kind.max}`;
    case 'integer':
      return kind.max === undefined ? `${kind.min} or more` : `${kind.min} to ${kind.max}`;
    case 'enum':
      return kind.values.join('|');
    case 'text':
    case 'url':
    case 'boolean':
    case 'list':
      return undefined;
  }
}

/** A default as --help says it: on/off for a switch, else the value. */
function describeDefault(value: SettingValue): string {
  return typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
}

/**
 * A flag's line in --help: what it does, then what it accepts and its default for this command
 * (`depth of reasoning (low|high, default high)`).
 */
export function flagHelp(def: SettingDef, defaults: Readonly<Record<string, SettingValue>> = {}): string {
  const fallback = defaults[def.name] ?? def.defaultValue;
  // A per-invocation switch (--json) is off unless given: saying so adds nothing.
  const shownDefault = fallback === undefined || (def.flagOnly && fallback === false) ? undefined : `default ${describeDefault(fallback)}`;
  const notes = [allowedInBrief(def.kind), shownDefault].filter((note) => note !== undefined);
  return notes.length > 0 ? `${def.help} (${notes.join(', ')})` : def.help;
}
