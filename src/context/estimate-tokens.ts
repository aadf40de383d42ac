/**
 * How many tokens a text or a media input is likely to cost, without the model's tokenizer (a
 * 262k-entry vocabulary gemma does not ship). Rough on purpose, and on the high side, so that
 * what gemma calls full is full: the service's own `promptTokens` corrects it after each turn.
 */

/**
 * Tokens per character by its UTF-8 length: English and code run about 4 characters a token
 * (1 byte: 0.25); accented Latin, Greek, Cyrillic, Hebrew, Arabic about 2 (2 bytes: 0.5); CJK,
 * emoji and the rest about 1 each (3 or 4 bytes: 1).
 */
const PER_CHARACTER = {ascii: 0.25, twoByte: 0.5, wide: 1} as const;

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** The estimated tokens of `text`; 0 for the empty string. */
export function estimateTokens(text: string): number {
  // Most prompts are ASCII: counted without walking them character by character.
  if (ASCII_ONLY.test(text)) return Math.ceil(text.length * PER_CHARACTER.ascii);
  let tokens = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    tokens += code < 0x80 ? PER_CHARACTER.ascii : code < 0x800 ? PER_CHARACTER.twoByte : PER_CHARACTER.wide;
  }
  return Math.ceil(tokens);
}

/**
 * The model card's visual token budgets (70, 140, 280, 560 or 1,120 per image): which one the
 * service uses is not published, so an image counts as the largest. A video is read as frames, up
 * to 60 s at 1 fps, each at the smallest budget, as the card suggests for video frames; its length
 * is not read, so it counts as the longest.
 */
const IMAGE_TOKENS = 1120;
const VIDEO_TOKENS = 60 * 70;

/** The estimated tokens of the media inputs sent with a request. */
export function estimateMediaTokens(media: {images: number; videos: number}): number {
  return media.images * IMAGE_TOKENS + media.videos * VIDEO_TOKENS;
}

/**
 * What each message adds besides its text: Gemma's turn markers (`<start_of_turn>user\n` …
 * `<end_of_turn>\n`), about 5 tokens.
 */
export const TOKENS_PER_MESSAGE = 5;

/** `~1 token`, `~850 tokens`, `~1.1k tokens`, `~2.4M tokens`: a figure to read, not to add up. */
export function formatTokens(tokens: number): string {
  if (tokens < 1000) return `~${tokens} ${tokens === 1 ? 'token' : 'tokens'}`;
  if (tokens < 1_000_000) return `~${trimmed(tokens / 1000)}k tokens`;
  return `~${trimmed(tokens / 1_000_000)}M tokens`;
}

function trimmed(value: number): string {
  return value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
}
