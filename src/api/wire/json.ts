import {ProtocolError, UsageError} from '../../errors.js';
import {redact} from '../redact.js';

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

/**
 * JSON.parse, except that an integer `seed` value is kept as its decimal string: seeds reach
 * 2^63 - 1 and a JS number would silently round them. (Node 20 has no JSON.parse source access.)
 */
export function parseResponseJson(text: string, secret?: string): unknown {
  try {
    return parseJsonExact(text);
  } catch (cause) {
    throw new ProtocolError(`the server's answer is not valid JSON: ${preview(text, 80, secret)}`, {cause});
  }
}

/** The same, throwing JSON.parse's own SyntaxError (callers word their own message). */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(quoteSeeds(text));
}

/** Characters that end a word for `preview`'s cut (a key is one word: letters, digits, - and _). */
const WORD = /[^\s"'`,:;{}[\]()<>=]+$/;
const NOT_WORD = /[\s"'`,:;{}[\]()<>=]/;

/** A word longer than this is no key (keys are a few dozen characters): it may be cut inside. */
const KEY_LIKE_MAX = 128;

/**
 * One line of outside text for an error, at most `max` characters. The key is redacted before the
 * cut, and the cut never ends inside a key-sized word: a key cut in half would no longer match
 * any later redaction (the error reporter's, when the caller has no key to give), so a word the
 * cut would split is left out whole.
 */
export function preview(text: string, max = 80, secret?: string): string {
  const line = redact(text, secret).replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  let cut = max;
  const word = WORD.exec(line.slice(0, max + 1));
  if (word && word.index < max) {
    const after = line.slice(max).search(NOT_WORD);
    const end = after === -1 ? line.length : max + after;
    if (end - word.index <= KEY_LIKE_MAX) cut = word.index;
  }
  return `${line.slice(0, cut)}…`;
}

/** Quotes the integer after every `"seed":` key, looking outside of strings only. */
function quoteSeeds(text: string): string {
  if (!text.includes('"seed"')) return text;
  let out = '';
  let copied = 0;
  // Outside strings every quote opens a string token, so hopping from token to token is enough.
  for (let i = text.indexOf('"'); i !== -1; ) {
    const end = stringEnd(text, i);
    let next = end;
    if (end - i === 6 && text.startsWith('"seed"', i)) {
      const match = /^\s*:\s*(-?\d+)(?![\d.eE])/.exec(text.slice(end, end + 64));
      if (match?.[1] !== undefined) {
        next = end + match[0].length;
        out += `${text.slice(copied, next - match[1].length)}"${match[1]}"`;
        copied = next;
      }
    }
    i = text.indexOf('"', next);
  }
  return out + text.slice(copied);
}

/** Index just past the string token starting at `start` (which holds a quote). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else i++;
  }
  return text.length;
}
