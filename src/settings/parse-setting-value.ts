import {displayUrl} from '../api/display-url.js';
import {UsageError} from '../errors.js';
import {describeAllowed} from './describe-allowed.js';
import type {SettingDef, SettingValue} from './setting-types.js';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const WHOLE = /^\+?\d+$/;

function quote(raw: string): string {
  const hidden = displayUrl(raw);
  const shown = hidden.length > 40 ? `${hidden.slice(0, 37)}...` : hidden;
  return JSON.stringify(shown);
}

/** Whether `value` is a multiple of `step`, forgiving binary floating-point error (0.07 / 0.01). */
function onStep(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-6;
}

/**
 * Parses one textual value (a flag, an env var, `/set`, `config set`) into the setting's type.
 * `label` names where it came from, e.g. `--temperature` or `temperature`.
 * Throws a UsageError naming the label, the value and what is allowed.
 */
export function parseSettingValue(def: SettingDef, raw: string, label: string): SettingValue {
  const kind = def.kind;
  const reject = (why = 'is not allowed'): never => {
    throw new UsageError(`${label}: ${quote(raw)} ${why}; allowed: ${describeAllowed(kind)}`);
  };
  const text = raw.trim();
  switch (kind.type) {
    case 'number': {
      if (!DECIMAL.test(text)) reject('is not a number');
      const n = Number(text);
      if (n < kind.min || n > kind.max) reject('is out of range');
      if (kind.step && !onStep(n, kind.step)) reject('has too many decimals');
      return n;
    }
    case 'integer': {
      if (!WHOLE.test(text)) reject('is not a whole number');
      const n = Number(text);
      if (!Number.isSafeInteger(n) || n < kind.min || (kind.max !== undefined && n > kind.max)) reject('is out of range');
      return n;
    }
    case 'big-integer': {
      if (!WHOLE.test(text)) reject('is not a whole number');
      const n = BigInt(text);
      if (n < kind.min || n > kind.max) reject('is out of range');
      return n.toString();
    }
    case 'enum': {
      const match = kind.values.find((v) => v === text.toLowerCase());
      return match ?? reject();
    }
    case 'text':
      if (raw.length < kind.minLength) reject('is empty');
      if (raw.length > kind.maxLength) reject(`is ${raw.length} characters long`);
      return raw;
    case 'url': {
      let url: URL | undefined;
      try {
        url = new URL(text);
      } catch {
        reject('is not a URL');
      }
      if (url && url.protocol !== 'http:' && url.protocol !== 'https:') reject('is not an http(s) URL');
      return text;
    }
    case 'boolean': {
      const lowered = text.toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(lowered)) return true;
      if (['false', 'no', 'off', '0'].includes(lowered)) return false;
      return reject();
    }
    case 'list':
      if (raw.length === 0) reject('is empty');
      return [raw];
  }
}

/** Parses several values for one setting; lists gather them, other kinds take exactly one. */
export function parseSettingValues(def: SettingDef, raws: readonly string[], label: string): SettingValue {
  if (def.kind.type === 'list') {
    if (raws.length === 0) throw new UsageError(`${label}: needs at least one value; allowed: ${describeAllowed(def.kind)}`);
    return raws.flatMap((raw) => parseSettingValue(def, raw, label) as string[]);
  }
  if (raws.length !== 1) {
    throw new UsageError(`${label}: takes one value, got ${raws.length}; allowed: ${describeAllowed(def.kind)}`);
  }
  return parseSettingValue(def, raws[0] ?? '', label);
}
