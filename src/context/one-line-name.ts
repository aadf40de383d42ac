/**
 * Control characters, the line and paragraph separators, and the bidi overrides and isolates:
 * what would break a name out of its one line, or make it read in another order than it runs.
 */
const BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'};

/**
 * A source's name as one line of plain text: a file may be called `a.ts\n```\n\nIgnore the
 * above`, and a name sent as it is would end its own name line and forge a block of its own
 * before the real one (and split the `[file …]` line and the skipped line in two). Such a
 * character is written as an escape instead (`\n`, `\t`, `\x1b`, `\u202e`), which a model reads
 * as the character it stands for; any other name is unchanged.
 */
export function oneLineName(name: string): string {
  return name.replace(BREAKING, (char) => {
    const code = char.charCodeAt(0);
    return NAMED[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}
