import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

/**
 * Characters one column wide each, with nothing that joins or combines: printable ASCII, Latin,
 * Greek and Cyrillic letters, the general punctuation prose uses (dashes, quotes, bullets,
 * ellipsis; not ‼ or ⁉, which are emoji) and box drawing, the markdown renderer's quote bar.
 * string-width segments text into graphemes to measure it, which costs far more.
 */
const PLAIN = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u03ff\u0400-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u203b\u203d-\u2048\u204a-\u205e\u2500-\u257f]*$/;
/** The colour codes chalk writes (one number each); any other escape goes the slow, general way. */
const SGR = /\x1b\[(\d+)m/g;
const OTHER_ESCAPE = /\x1b(?!\[\d+m)|\x9b/;

/** Columns a piece of text takes: colour codes none, printable ASCII one each, the rest measured. */
export function columnsOf(text: string): number {
  if (PLAIN.test(text)) return text.length;
  const bare = text.includes('\x1b') ? text.replace(SGR, '') : text;
  return PLAIN.test(bare) ? bare.length : stringWidth(bare);
}

/** The close code of each open code wrap-ansi re-opens across a break (as ansi-styles lists them). */
function closeOf(code: number): number | undefined {
  if (code === 1 || code === 2) return 22;
  if (code >= 3 && code <= 9 && code !== 5 && code !== 6) return code + 20;
  if (code === 53) return 55;
  if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) return 39;
  if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) return 49;
  return undefined;
}

/**
 * One line wrapped exactly as ink wraps a <Text> (wrap-ansi, `{trim: false, hard: true}`), as
 * rows. wrap-ansi measures the growing row again for every word, with string-width, which makes a
 * paragraph cost a millisecond or more; this does the same word wrap with each word measured once.
 * A word wider than the row (broken mid-word) or an escape other than a colour code is left to
 * wrap-ansi itself.
 */
export function wrapLine(line: string, columns: number): string[] {
  const text = line.normalize();
  if (columnsOf(text) <= columns) return [text];
  if (OTHER_ESCAPE.test(text)) return wrapAnsi(text, columns, {trim: false, hard: true}).split('\n');
  const words = text.split(' ');
  const widths = words.map(columnsOf);
  if (widths.some((width) => width > columns)) return wrapAnsi(text, columns, {trim: false, hard: true}).split('\n');
  const rows: string[] = [];
  let row = '';
  let rowWidth = 0;
  for (let index = 0; index < words.length; index++) {
    if (index !== 0) {
      if (rowWidth >= columns) {
        rows.push(row);
        row = '';
        rowWidth = 0;
      }
      row += ' ';
      rowWidth++;
    }
    const width = widths[index] as number;
    if (rowWidth + width > columns && rowWidth > 0 && width > 0) {
      rows.push(row);
      row = '';
      rowWidth = 0;
    }
    row += words[index] as string;
    rowWidth += width;
  }
  rows.push(row);
  return text.includes('\x1b') ? carryColours(rows) : rows;
}

/** As wrap-ansi: the last colour code open at a break is closed at the row's end and opened again on the next. */
function carryColours(rows: string[]): string[] {
  let open: number | undefined;
  return rows.map((row, index) => {
    const reopen = open !== undefined && closeOf(open) !== undefined ? `\x1b[${open}m` : '';
    for (const [, code] of row.matchAll(SGR)) {
      open = Number(code) === 39 ? undefined : Number(code);
    }
    const close = index < rows.length - 1 && open ? closeOf(open) : undefined;
    return `${reopen}${row}${close === undefined ? '' : `\x1b[${close}m`}`;
  });
}
