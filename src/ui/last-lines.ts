import {wrapRows} from '../text/wrap-rows.js';

/**
 * The last `maxRows` rows of `text` wrapped at `columns`, each row no wider than `columns`, so
 * that ink has nothing to wrap or measure at length. Keeps the live region shorter than the
 * terminal even inside one huge code block or paragraph: a live region as tall as the screen
 * makes ink clear the screen and reprint the whole scrollback. Rows are wrapped as the markdown
 * renderer wraps prose (word wrap, long words broken, colours closed and reopened per row), so
 * rows already wrapped come back as they are. Work is linear in the lines it reaches from the
 * end; a caller with one huge growing line trims it first (GrowingLineTail).
 */
export function lastLines(text: string, maxRows: number, columns: number): string {
  const kept: string[] = [];
  let end = text.length;
  while (kept.length < maxRows && end >= 0) {
    // A line ending at 0 starts there; lastIndexOf(..., -1) would still look at index 0.
    const start = end === 0 ? 0 : text.lastIndexOf('\n', end - 1) + 1;
    const rows = wrapRows(text.slice(start, end), columns);
    for (let index = rows.length - 1; index >= 0 && kept.length < maxRows; index--) kept.push(rows[index] ?? '');
    end = start - 1;
  }
  return kept.reverse().join('\n');
}
