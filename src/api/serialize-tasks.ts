import {UsageError} from '../errors.js';

const DIGITS = /^(0|[1-9]\d*)$/;

/**
 * Writes the request body: a JSON array of task objects. `seed` may exceed 2^53, so it is never
 * turned into a JS number: it is spliced into the text as the bare integer it already is.
 */
export function serializeTasks(tasks: readonly object[]): string {
  return `[${tasks.map(serializeTask).join(',')}]`;
}

function serializeTask(task: object): string {
  if (!('seed' in task) || task.seed === undefined) return JSON.stringify(task);
  const {seed, ...rest} = task as {seed: unknown};
  const digits = seedDigits(seed);
  const json = JSON.stringify(rest);
  const separator = json === '{}' ? '' : ',';
  return `${json.slice(0, -1)}${separator}"seed":${digits}}`;
}

function seedDigits(seed: unknown): string {
  const text =
    typeof seed === 'bigint' || (typeof seed === 'number' && Number.isSafeInteger(seed)) ? String(seed) : seed;
  if (typeof text !== 'string' || !DIGITS.test(text)) {
    throw new UsageError(`seed must be a whole number from 0 to 9223372036854775807, got ${String(seed)}`);
  }
  return text;
}
