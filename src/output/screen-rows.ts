import {textWidth} from '../text/text-width.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const TAB_STOP = 8;
const segmenter = new Intl.Segmenter();

/**
 * How many rows up the cursor is from the row where `text` began, once a terminal `columns` wide
 * has printed it from the first column: what cursor-up must cover to erase it. Counted as a
 * terminal lays text out: a character that does not fit in the row left moves to the next row
 * (a wide one leaves the last cell empty), a row filled exactly keeps the cursor on it until the
 * next character (the pending wrap), a tab moves to the next stop of 8 and never wraps: it stops
 * at the last column, and on a full row it leaves the pending wrap as it is (tmux does nothing
 * for a tab there, so the next character still starts a new row).
 */
export function rowsUp(text: string, columns: number): number {
  const width = Math.max(1, Math.floor(columns));
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let up = lines.length - 1;
  for (const line of lines) up += rowsOf(line, width) - 1;
  return up;
}

/** Rows one line (no newline) takes, at least one. */
function rowsOf(line: string, width: number): number {
  if (PRINTABLE_ASCII.test(line)) return Math.max(1, Math.ceil(line.length / width));
  let rows = 1;
  let column = 0;
  for (const {segment} of segmenter.segment(line)) {
    if (segment === '\t') {
      if (column < width) column = Math.min(width - 1, (Math.floor(column / TAB_STOP) + 1) * TAB_STOP);
      continue;
    }
    const cells = textWidth(segment);
    if (cells === 0) continue;
    if (column + cells > width) {
      rows += 1;
      column = 0;
    }
    column += cells;
  }
  return rows;
}
