import {stripVTControlCharacters} from 'node:util';
import stringWidth from 'string-width';

/**
 * The end of `text` that fits in `maxRows` terminal rows at `columns` wide. Keeps the live
 * region shorter than the terminal even inside one huge code block or paragraph: a live region
 * as tall as the screen makes ink clear the screen and reprint the whole scrollback.
 * Rows are counted the way ink wraps text (word wrap, long words broken), so the count is exact
 * for ordinary text; a line cut in half loses its colours, which only the live preview shows.
 */
export function lastLines(text: string, maxRows: number, columns: number): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  let rows = 0;
  for (let index = lines.length - 1; index >= 0 && rows < maxRows; index--) {
    const line = lines[index] ?? '';
    const height = rowsOf(stripVTControlCharacters(line), columns);
    if (rows + height <= maxRows) {
      kept.push(line);
      rows += height;
    } else {
      kept.push(endOf(stripVTControlCharacters(line), (maxRows - rows) * columns));
      rows = maxRows;
    }
  }
  return kept.reverse().join('\n');
}

function rowsOf(line: string, columns: number): number {
  if (stringWidth(line) <= columns) return 1;
  let rows = 1;
  let used = 0;
  for (const word of line.split(' ')) {
    const width = stringWidth(word);
    const needed = used === 0 ? width : used + 1 + width;
    if (needed <= columns) {
      used = needed;
      continue;
    }
    if (used > 0) rows++;
    let rest = width;
    for (; rest > columns; rest -= columns) rows++;
    used = rest;
  }
  return rows;
}

/** The last characters of a plain line that fill at most `cells` cells, cut at a space if one is near. */
function endOf(line: string, cells: number): string {
  const chars = [...line];
  let width = 0;
  let start = chars.length;
  while (start > 0) {
    const next = stringWidth(chars[start - 1] ?? '');
    if (width + next > cells) break;
    width += next;
    start--;
  }
  // Word wrap may move a partial first word down a row; starting at a word keeps the count true.
  const cut = chars.slice(start).join('');
  const space = cut.indexOf(' ');
  return start > 0 && space !== -1 ? cut.slice(space + 1) : cut;
}
