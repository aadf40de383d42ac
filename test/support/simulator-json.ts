/**
 * JSON helpers for values JSON.parse would round: seeds up to 2^63-1 are read from, and written
 * to, the raw text.
 */

const WHITESPACE = ' \t\n\r';

/**
 * For each element of the top-level array in `text` (already known to be valid JSON), the raw
 * text of its member `key` when the element is an object that has it (the last one wins, as in
 * JSON.parse). Returns [] when `text` is not an array.
 */
export function rawMemberTexts(text: string, key: string): (string | undefined)[] {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && WHITESPACE.includes(text.charAt(i))) i++;
  };
  const skipString = (): string => {
    const start = i;
    i++;
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '\\') i += 2;
      else if (c === '"') return text.slice(start, ++i);
      else i++;
    }
    throw new SyntaxError('unterminated string');
  };
  const skipValue = (): void => {
    const c = text.charAt(i);
    if (c === '"') {
      skipString();
    } else if (c === '{' || c === '[') {
      let depth = 0;
      do {
        const d = text.charAt(i);
        if (d === '"') {
          skipString();
          continue;
        }
        if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') depth--;
        i++;
      } while (depth > 0 && i < text.length);
    } else {
      while (i < text.length && !',]}'.includes(text.charAt(i)) && !WHITESPACE.includes(text.charAt(i))) i++;
    }
  };
  const result: (string | undefined)[] = [];
  try {
    ws();
    if (text.charAt(i) !== '[') return [];
    i++;
    ws();
    if (text.charAt(i) === ']') return [];
    for (;;) {
      ws();
      let found: string | undefined;
      if (text.charAt(i) === '{') {
        i++;
        ws();
        while (text.charAt(i) !== '}') {
          const name = JSON.parse(skipString()) as string;
          ws();
          i++; // ':'
          ws();
          const start = i;
          skipValue();
          if (name === key) found = text.slice(start, i);
          ws();
          if (text.charAt(i) === ',') i++;
          ws();
        }
        i++;
      } else {
        skipValue();
      }
      result.push(found);
      ws();
      if (text.charAt(i) !== ',') break;
      i++;
    }
  } catch {
    return [];
  }
  return result;
}

const BIG_MARK = '\u0000bigint:';

/** JSON.stringify that writes bigint values as bare JSON integers (exact beyond 2^53). */
export function stringifyExact(value: unknown): string {
  const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${BIG_MARK}${v.toString()}` : v));
  return json.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}
