import type {SettingKind} from './setting-types.js';

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
