import {wrapRows} from '../../text/wrap-rows.js';

/** One line of the input as the prompt draws it: its rows, and where each starts in the drawn line. */
export interface LineRows {
  /** The line as drawn: tabs as spaces (ink measures a tab as zero columns). */
  readonly drawn: string;
  readonly rows: readonly string[];
  /** UTF-16 offset in `drawn` where each row starts (a space a row broke at belongs to no row). */
  readonly starts: readonly number[];
}

const TAB = '    ';

/** `line` wrapped at `width` cells, with each row's start in the drawn line. */
export function layoutLine(line: string, width: number): LineRows {
  const drawn = line.includes('\t') ? line.replaceAll('\t', TAB) : line;
  const rows = wrapRows(drawn, width);
  const starts: number[] = [];
  let at = 0;
  for (const [index, row] of rows.entries()) {
    // A row after the first begins at a space only where the wrap broke at it, and dropped it
    // (a word broken for being too long has no space in it).
    if (index > 0 && drawn[at] === ' ') at += 1;
    starts.push(at);
    at += row.length;
  }
  return {drawn, rows, starts};
}

/** Where a UTF-16 column of the line falls when drawn: the row, and the offset in that row. */
export function locateColumn(line: string, layout: LineRows, column: number): {row: number; offset: number} {
  let drawnColumn = column;
  if (layout.drawn !== line) {
    for (let index = line.indexOf('\t'); index !== -1 && index < column; index = line.indexOf('\t', index + 1)) drawnColumn += TAB.length - 1;
  }
  // The last row starting at or before the column; a dropped space lands at the end of the row before it.
  let low = 0;
  let high = layout.starts.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((layout.starts[mid] ?? 0) <= drawnColumn) low = mid;
    else high = mid - 1;
  }
  return {row: low, offset: drawnColumn - (layout.starts[low] ?? 0)};
}

/** Most characters of laid-out lines kept: a 100 KB line edited key by key leaves a copy per key. */
const CACHE_CHARS = 2_000_000;

/**
 * Layouts of lines at one width, computed once per distinct line: a key re-wraps the line it
 * changed and nothing else. Cleared whole on a new width or when it holds too much text.
 */
export class LineRowsCache {
  #width = 0;
  #chars = 0;
  readonly #layouts = new Map<string, LineRows>();

  get(line: string, width: number): LineRows {
    if (width !== this.#width) {
      this.#layouts.clear();
      this.#chars = 0;
      this.#width = width;
    }
    const known = this.#layouts.get(line);
    if (known) return known;
    const layout = layoutLine(line, width);
    if (this.#chars + line.length > CACHE_CHARS) {
      this.#layouts.clear();
      this.#chars = 0;
    }
    this.#layouts.set(line, layout);
    this.#chars += line.length;
    return layout;
  }
}
