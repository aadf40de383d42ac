import {UsageError} from '../errors.js';

/**
 * Splits a command's arguments like a shell would: spaces separate, quotes group, \ escapes.
 * An unclosed quote is refused rather than guessed at (`/save 'my talk.md` would otherwise
 * write a file whose name the user never typed).
 */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (char === '\\' && i + 1 < text.length) {
      current += text[++i];
      started = true;
    } else if (/\s/.test(char)) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (quote) throw new UsageError(`unclosed ${quote === '"' ? 'double' : 'single'} quote in: ${text.trim()}; close it, or escape it with \\`);
  if (started) args.push(current);
  return args;
}

/**
 * A free-text argument (a system prompt, a model id): the rest of the line as typed, so
 * `/system don't ramble` keeps its apostrophe, unless the whole of it is one quoted word, which
 * is unquoted as splitArgs would (`/system "be brief"` and `/set systemPrompt "be brief"` agree).
 */
export function restOfLine(text: string): string {
  const trimmed = text.trim();
  if (!/^(["']).*\1$/s.test(trimmed)) return trimmed;
  try {
    const args = splitArgs(trimmed);
    return args.length === 1 ? (args[0] ?? '') : trimmed;
  } catch {
    return trimmed;
  }
}

/** The first word of `text` (quotes and escapes as splitArgs), and the rest of the line after it. */
export function firstArg(text: string): {first: string | undefined; rest: string} {
  const match = /^\s*((?:"(?:[^"\\]|\\.)*"|'[^']*'|\\.|[^\s"'\\])+)([\s\S]*)$/.exec(text);
  if (!match) return {first: splitArgs(text)[0], rest: ''};
  return {first: splitArgs(match[1] ?? '')[0], rest: match[2] ?? ''};
}
