/**
 * About how many tokens a text costs the model, without its tokenizer (Gemma's is 4 MB of
 * vocabulary): English and code run near four characters a token, while other scripts (accented
 * Latin, Cyrillic, CJK, emoji) take a token or more per character. So ASCII counts a quarter and
 * every other character one: an estimate that errs high for a context limit, never low by much.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) ascii++;
    // A surrogate pair is one character: counted at its high half only.
    else if (code < 0xdc00 || code > 0xdfff) other++;
  }
  return Math.ceil(ascii / 4) + other;
}

/** `~850 tokens`, `~1.1k tokens`, `~2.4M tokens`: a figure to read, not to add up. */
export function formatTokens(tokens: number): string {
  if (tokens < 1000) return `~${tokens} tokens`;
  if (tokens < 1_000_000) return `~${trimmed(tokens / 1000)}k tokens`;
  return `~${trimmed(tokens / 1_000_000)}M tokens`;
}

function trimmed(value: number): string {
  return value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
}
