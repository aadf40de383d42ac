export interface Completion {
  /** The input after completing. */
  text: string;
  /** When several matched: the inputs each one gives, to cycle through with Tab. */
  options: string[];
  /** What the list shows for each option: the word being completed (of a path, the name in its folder). */
  labels: string[];
}

export function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) {
    while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/**
 * Completes the word being typed at the end of `text` against the candidates (whole lines) that
 * start with it, one word at a time, as far as they agree; `/s` offers `/set` and `/save`, not
 * every `/set NAME`. A word already whole and followed by more words gains the space before them.
 */
export function completeInput(text: string, candidates: readonly string[]): Completion | undefined {
  const options = new Set<string>();
  for (const candidate of candidates) {
    if (!candidate.startsWith(text)) continue;
    const space = candidate.indexOf(' ', text.length);
    options.add(space === -1 ? candidate : candidate.slice(0, space === text.length ? space + 1 : space));
  }
  // `/set` is a command and the start of `/set NAME`: being whole, it goes on to its argument.
  const matches = [...options].filter((option) => !options.has(`${option} `));
  const [only] = matches;
  if (only === undefined) return undefined;
  if (matches.length === 1) return {text: only, options: [], labels: []};
  const prefix = commonPrefix(matches);
  const wordStart = text.lastIndexOf(' ') + 1;
  return {text: prefix.length > text.length ? prefix : text, options: matches, labels: matches.map((option) => option.slice(wordStart))};
}
