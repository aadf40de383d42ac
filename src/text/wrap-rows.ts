import stringWidth from 'string-width';
import {pieces, textWidth} from './text-width.js';

/**
 * Word wrap of one line (no `\n`) into rows no wider than `width` cells, in time linear in its
 * length: each word is measured once, the row's width is a running sum. Rows break at a space,
 * which is dropped; a word wider than a row starts a new row and is broken between graphemes.
 * Colours (SGR sequences) and a hyperlink (OSC 8) open at a break are closed at the end of the
 * row and opened again at the start of the next, so every row stands alone, as ink draws it.
 * Leading spaces (indentation) are kept. Every other space is kept too, as the input line
 * needs (what was typed is shown): a run of spaces at a break loses only its first, the rest
 * start the next row. Prose wants {@link wrapProse}.
 */
export function wrapRows(line: string, width: number): string[] {
  return wrap(line, width, false);
}

/**
 * {@link wrapRows} for prose: a run of spaces at a break is dropped whole, so no row starts
 * with spaces that ended the row before (a sentence followed by two spaces, a column gap in
 * /help) and none ends in them; spaces between words on one row and indentation stay.
 */
export function wrapProse(line: string, width: number): string[] {
  return wrap(line, width, true);
}

function wrap(line: string, width: number, prose: boolean): string[] {
  const columns = Math.max(1, Math.floor(width));
  if (line.length <= columns && !line.includes('\x1b') && PRINTABLE_ASCII.test(line)) return [line];
  const rows: string[] = [];
  const styles = new ActiveStyles();
  let row = '';
  let used = 0;

  const endRow = () => {
    rows.push(row + styles.close());
    row = styles.reopen();
    used = 0;
  };
  const space = (count: number) => {
    row += ' '.repeat(count);
    used += count;
  };
  const place = (word: string, cells: number) => {
    if (cells <= columns - used) {
      row += word;
      used += cells;
      styles.follow(word);
      return;
    }
    for (const unit of units(word)) {
      if (unit.escape) {
        row += unit.text;
        styles.follow(unit.text);
        continue;
      }
      if (used + unit.cells > columns && used > 0) endRow();
      row += unit.text;
      used += unit.cells;
    }
  };

  if (prose) {
    // Spaces before the next word, put down only once it is known to share their row.
    let spaces = -1;
    let indent = true;
    for (const word of line.split(' ')) {
      spaces += 1;
      if (word === '') continue;
      const cells = textWidth(word);
      if (indent || used + spaces + cells <= columns) space(spaces);
      else endRow();
      indent = false;
      spaces = 0;
      place(word, cells);
    }
  } else {
    let started = false;
    for (const word of line.split(' ')) {
      const cells = textWidth(word);
      // At the start of a row a word always goes in (a long one is broken by place).
      if (started && used + 1 + cells <= columns) space(1);
      else if (started) endRow();
      place(word, cells);
      started = true;
    }
  }
  rows.push(row);
  return rows;
}

/** Every line of prose `text` wrapped to `width` and joined again: what the terminal will show, row by row. */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => wrapProse(line, width).join('\n'))
    .join('\n');
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ESCAPE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const segmenter = new Intl.Segmenter();

interface Unit {
  text: string;
  cells: number;
  escape: boolean;
}

/** A word as graphemes (with their cells) and escape sequences (zero cells), in order. */
function* units(word: string): Generator<Unit> {
  let last = 0;
  for (const match of word.matchAll(ESCAPE)) {
    yield* graphemes(word.slice(last, match.index));
    yield {text: match[0], cells: 0, escape: true};
    last = match.index + match[0].length;
  }
  yield* graphemes(word.slice(last));
}

function* graphemes(text: string): Generator<Unit> {
  if (text === '') return;
  if (PRINTABLE_ASCII.test(text)) {
    for (const char of text) yield {text: char, cells: 1, escape: false};
    return;
  }
  for (const piece of pieces(text)) {
    for (const {segment} of segmenter.segment(piece)) yield {text: segment, cells: stringWidth(segment), escape: false};
  }
}

/**
 * The SGR attributes and the OSC 8 hyperlink in effect, so that a row can close them and the
 * next open them again: a link left open at a row's end would make the padding ink adds after
 * it, and whatever the terminal draws next, part of the link.
 */
class ActiveStyles {
  #open: string[] = [];
  #link = '';

  follow(text: string): void {
    if (text.includes('\x1b]8;')) {
      for (const match of text.matchAll(HYPERLINK)) this.#link = match[1] === '' ? '' : match[0];
    }
    if (!text.includes('\x1b[')) return;
    for (const match of text.matchAll(SGR)) this.#apply(match[1] ?? '');
  }

  close(): string {
    return (this.#open.length === 0 ? '' : '\x1b[0m') + (this.#link === '' ? '' : HYPERLINK_END);
  }

  reopen(): string {
    return this.#link + this.#open.join('');
  }

  #apply(params: string): void {
    if (params === '' || params === '0') {
      this.#open = [];
      return;
    }
    const code = Number(params.split(';')[0]);
    const family = CLOSES[code];
    if (family !== undefined) {
      // A close code: drop the opens it ends.
      this.#open = this.#open.filter((sequence) => familyOf(sequence) !== code);
      return;
    }
    this.#open.push(`\x1b[${params}m`);
  }
}

const SGR = /\x1b\[([0-9;]*)m/g;
/** OSC 8 with its URL (empty: the link's end), ended by ST or BEL. */
const HYPERLINK = /\x1b\]8;[^;\x07\x1b]*;([^\x07\x1b]*)(?:\x1b\\|\x07)/g;
const HYPERLINK_END = '\x1b]8;;\x1b\\';

/** Close codes, each mapped to itself; an open code's family is the close code that ends it. */
const CLOSES: Record<number, number> = {22: 22, 23: 23, 24: 24, 27: 27, 28: 28, 29: 29, 39: 39, 49: 49, 55: 55, 59: 59};

function familyOf(sequence: string): number {
  const code = Number(/\x1b\[(\d+)/.exec(sequence)?.[1] ?? 0);
  if (code === 1 || code === 2) return 22;
  if (code === 3) return 23;
  if (code === 4) return 24;
  if (code === 7) return 27;
  if (code === 8) return 28;
  if (code === 9) return 29;
  if ((code >= 30 && code <= 38) || (code >= 90 && code <= 97)) return 39;
  if ((code >= 40 && code <= 48) || (code >= 100 && code <= 107)) return 49;
  if (code === 53) return 55;
  return -1;
}
