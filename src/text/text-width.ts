import stringWidth from 'string-width';

/**
 * Terminal cells of `text` (escape sequences count zero), in time linear in its length.
 * string-width hands a non-ASCII string whole to Intl.Segmenter, which is quadratic in string
 * length on Node 20 (V8 issue 326176949): a 100 KB paragraph with one `é` took seconds. Long
 * strings are therefore measured in pieces cut at spaces (or, inside a very long word, before a
 * code point that cannot continue a grapheme), which gives the same sum: no grapheme spans a cut.
 */
export function textWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  if (text.length <= PIECE) return wordWidth(text);
  // Word by word: most words of prose are ASCII, whose width is their length.
  let width = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(' ', start);
    if (end === -1) end = text.length;
    width += wordWidth(text.slice(start, end)) + (end < text.length ? 1 : 0);
    start = end + 1;
  }
  return width;
}

/** Widths of words seen lately: prose repeats its words, and a streamed answer is measured again as it grows. */
const wordWidths = new Map<string, number>();
const WORD_CACHE_SIZE = 20_000;

function wordWidth(word: string): number {
  if (PRINTABLE_ASCII.test(word)) return word.length;
  // Latin-1 to Latin Extended-B, Greek, Cyrillic: one cell per code unit, no combining marks.
  if (NARROW_ALPHABETS.test(word)) return word.length;
  const known = wordWidths.get(word);
  if (known !== undefined) return known;
  let width = 0;
  if (word.length <= PIECE) width = stringWidth(word);
  else for (const piece of pieces(word)) width += stringWidth(piece);
  if (word.length <= 64) {
    if (wordWidths.size >= WORD_CACHE_SIZE) wordWidths.clear();
    wordWidths.set(word, width);
  }
  return width;
}

const NARROW_ALPHABETS = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u03ff\u0400-\u0482\u048a-\u052f]*$/;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Longest string handed to string-width at once: short enough that the segmenter stays linear. */
const PIECE = 256;

/** `text` cut into pieces of at most about PIECE code units, at boundaries no grapheme crosses. */
export function* pieces(text: string): Generator<string> {
  let start = 0;
  while (text.length - start > PIECE) {
    const end = cutBefore(text, start, start + PIECE);
    yield text.slice(start, end);
    start = end;
  }
  if (start < text.length) yield text.slice(start);
}

/**
 * A cut point in (start, limit]: after the last space before `limit`, else before the last code
 * point that starts a grapheme (not a mark, joiner, selector or low surrogate), else `limit`.
 * An escape sequence is never split: the cut moves before its ESC.
 */
function cutBefore(text: string, start: number, limit: number): number {
  const space = text.lastIndexOf(' ', limit - 1);
  let cut = space > start ? space + 1 : limit;
  if (cut === limit) {
    const probe = isLowSurrogate(text.charCodeAt(limit)) ? limit - 1 : limit;
    cut = isRegionalIndicator(text, probe) ? flagBoundary(text, start, probe) : limit;
    for (let index = limit; cut === limit && index > start + 1; index--) {
      if (startsGrapheme(text, index)) cut = index;
    }
    // No boundary found (a run of combining marks): any cut between code points keeps the sum,
    // since marks alone have no width.
    if (cut === limit && isLowSurrogate(text.charCodeAt(cut))) cut--;
  }
  const escape = text.lastIndexOf('\x1b', cut - 1);
  if (escape > start && escape >= cut - 64 && !escapeEndsBefore(text, escape, cut)) cut = escape;
  return cut;
}

const CONTINUES = /[\p{M}\u200d\ufe00-\ufe0f\u{e0020}-\u{e007f}\u{1f3fb}-\u{1f3ff}]/u;

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Regional indicators are U+1F1E6..U+1F1FF: high surrogate 0xD83C, low 0xDDE6..0xDDFF. */
function isRegionalIndicator(text: string, index: number): boolean {
  const high = text.charCodeAt(index);
  const low = text.charCodeAt(index + 1);
  return high === 0xd83c && low >= 0xdde6 && low <= 0xddff;
}

/**
 * In a run of regional indicators, which pair into flags from the start of the run: the last
 * pair boundary at or before `limit`, counted from where the run starts (or from `start`, a cut
 * made on a pair boundary). `limit` itself when the run begins at `limit`.
 */
function flagBoundary(text: string, start: number, limit: number): number {
  let runStart = limit;
  while (runStart - 2 >= start && isRegionalIndicator(text, runStart - 2)) runStart -= 2;
  const cut = runStart + Math.floor((limit - runStart) / 4) * 4;
  return cut > start ? cut : limit + (isLowSurrogate(text.charCodeAt(limit)) ? -1 : 0);
}

function startsGrapheme(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (isLowSurrogate(code)) return false;
  const previous = text.charCodeAt(index - 1);
  // Regional indicators pair up into flags; a cut between two could split one.
  if (previous === 0x200d || (previous >= 0xd800 && previous <= 0xdbff)) return false;
  const char = String.fromCodePoint(text.codePointAt(index) ?? 0);
  if (CONTINUES.test(char)) return false;
  return !(/\p{Regional_Indicator}/u.test(char));
}

/** Whether the escape sequence starting at `escape` is complete before `cut`. */
function escapeEndsBefore(text: string, escape: number, cut: number): boolean {
  const rest = text.slice(escape, cut);
  // CSI ends at a final byte 0x40-0x7e; OSC at BEL or ST.
  return /^\x1b\[[0-?]*[ -/]*[@-~]/.test(rest) || /^\x1b\][^\x07\x1b]*(\x07|\x1b\\)/.test(rest) || /^\x1b[@-Z\\-_]/.test(rest);
}
