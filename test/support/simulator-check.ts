import {CODES, MESSAGES} from './simulator-facts.js';

/** A validation failure of one task; the handler turns it into an error object. */
export class TaskError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly parameter?: string | string[],
    readonly status = 400,
  ) {
    super(message);
  }
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function invalid(parameter: string, allowed: string): TaskError {
  return new TaskError(CODES.invalidParameter, MESSAGES.invalid(parameter, allowed), parameter);
}

/** Rejects members of `object` not in `allowed`; `prefix` names where the object sits. */
export function rejectUnknown(object: Json, allowed: readonly string[], prefix = ''): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      const parameter = `${prefix}${key}`;
      throw new TaskError(CODES.unsupportedParameter, MESSAGES.unsupported(parameter), parameter);
    }
  }
}

export function requireField(object: Json, key: string, prefix = ''): unknown {
  const value = object[key];
  if (value === undefined) throw new TaskError(CODES.missingParameter, MESSAGES.missing(`${prefix}${key}`), `${prefix}${key}`);
  return value;
}

export function checkString(value: unknown, parameter: string, min = 0, max = Infinity): string {
  // Lengths count code points, not UTF-16 units (inferred).
  const length = typeof value === 'string' ? [...value].length : -1;
  if (typeof value !== 'string' || length < min || length > max) {
    const range = max === Infinity ? (min > 0 ? `a string of at least ${min} characters` : 'a string') : `a string of ${min} to ${max} characters`;
    throw invalid(parameter, range);
  }
  return value;
}

export function checkEnum<T extends string>(value: unknown, parameter: string, values: readonly T[]): T {
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw invalid(parameter, values.map((v) => `"${v}"`).join(' | '));
  }
  return value as T;
}

export function checkBoolean(value: unknown, parameter: string): boolean {
  if (typeof value !== 'boolean') throw invalid(parameter, 'true or false');
  return value;
}

export function checkInteger(value: unknown, parameter: string, min: number, max?: number): number {
  const ok = typeof value === 'number' && Number.isSafeInteger(value) && value >= min && (max === undefined || value <= max);
  if (!ok) throw invalid(parameter, max === undefined ? `an integer >= ${min}` : `an integer from ${min} to ${max}`);
  return value;
}

/** A number in [min, max] on a 0.01 grid; float error is tolerated (0.07 passes, 0.075 does not). */
export function checkStep(value: unknown, parameter: string, min: number, max: number): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    Math.abs(value * 100 - Math.round(value * 100)) < 1e-7;
  if (!ok) throw invalid(parameter, `a number from ${min} to ${max} in steps of 0.01`);
  return value;
}

/** A non-empty array of non-empty strings. */
export function checkStringList(value: unknown, parameter: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid(parameter, 'a non-empty array of non-empty strings');
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item.length === 0) throw invalid(`${parameter}[${index}]`, 'a non-empty string');
  });
  return value as string[];
}

export function checkHttpUrl(value: unknown, parameter: string): string {
  let ok = false;
  if (typeof value === 'string') {
    try {
      const url = new URL(value);
      ok = (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      ok = false;
    }
  }
  if (!ok) throw invalid(parameter, 'an http or https URL');
  return value as string;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuidV4(value: unknown): value is string {
  return typeof value === 'string' && UUID_V4.test(value);
}

/** The exact seed from its raw JSON literal: digits only, 0..max. */
export function checkSeedLiteral(raw: string | undefined, parameter: string, max: bigint): bigint {
  if (raw === undefined || !/^(0|[1-9]\d*)$/.test(raw) || BigInt(raw) > max) {
    throw invalid(parameter, `an integer from 0 to ${max}`);
  }
  return BigInt(raw);
}
