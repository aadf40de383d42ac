export interface Completion {
  /** The input after completing. */
  text: string;
  /** The candidates to show when more than one matched; empty otherwise. */
  shown: string[];
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) {
    while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** Completes the whole input against the candidates that start with it, as far as they agree. */
export function completeInput(text: string, candidates: readonly string[]): Completion | undefined {
  const matches = [...new Set(candidates.filter((candidate) => candidate.startsWith(text)))];
  const [only] = matches;
  if (only === undefined) return undefined;
  if (matches.length === 1) return {text: only, shown: []};
  const prefix = commonPrefix(matches);
  return {text: prefix.length > text.length ? prefix : text, shown: matches};
}
