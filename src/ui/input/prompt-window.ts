/** A row of the input: the line it belongs to and its index among that line's wrapped rows. */
export interface RowPosition {
  readonly line: number;
  readonly row: number;
}

/** What is hidden on one side of the window: whole lines, and rows of the line cut at the edge. */
export interface Hidden {
  lines: number;
  rows: number;
}

export interface PromptWindow {
  /** The rows to draw, in order; the cursor's row is always among them. */
  rows: RowPosition[];
  /** Undefined when nothing is hidden above (no line is drawn for it). */
  above: Hidden | undefined;
  below: Hidden | undefined;
}

export interface WindowInput {
  lineCount: number;
  /** Rows of one line at the prompt's width (at least 1); asked only for lines near the window. */
  rowsIn(line: number): number;
  cursor: RowPosition;
  /** Rows the prompt may take, the lines saying what is hidden included. */
  height: number;
  /** The first row drawn last time, so the view scrolls only when the cursor leaves it. */
  previousTop: RowPosition | undefined;
}

const before = (a: RowPosition, b: RowPosition): boolean => a.line < b.line || (a.line === b.line && a.row < b.row);

/**
 * Which rows of the input to draw in `height` rows: all of them when they fit; otherwise a window
 * that holds the cursor's row, kept where it was while the cursor stays inside (like an editor's
 * viewport), and a line above and below saying what is hidden. It asks for the rows of the lines
 * it walks over only, at most about `height` of them, so its cost does not grow with the text.
 */
export function promptWindow(input: WindowInput): PromptWindow {
  const {lineCount, cursor} = input;
  const height = Math.max(1, Math.floor(input.height));
  const rowsIn = (line: number): number => Math.max(1, input.rowsIn(line));
  const next = ({line, row}: RowPosition): RowPosition | undefined =>
    row + 1 < rowsIn(line) ? {line, row: row + 1} : line + 1 < lineCount ? {line: line + 1, row: 0} : undefined;
  const previous = ({line, row}: RowPosition): RowPosition | undefined =>
    row > 0 ? {line, row: row - 1} : line > 0 ? {line: line - 1, row: rowsIn(line - 1) - 1} : undefined;
  const forward = (from: RowPosition, count: number): RowPosition[] => {
    const rows: RowPosition[] = [];
    for (let at: RowPosition | undefined = from; at && rows.length < count; at = next(at)) rows.push(at);
    return rows;
  };
  const back = (from: RowPosition, count: number): RowPosition => {
    let at = from;
    for (let step = 0; step < count; step++) at = previous(at) ?? at;
    return at;
  };
  const start: RowPosition = {line: 0, row: 0};

  const all = forward(start, height + 1);
  if (all.length <= height) return {rows: all, above: undefined, below: undefined};

  // Too small for the lines saying what is hidden: just the rows around the cursor.
  const marks = height >= 3 ? 2 : 0;
  const content = height - marks;
  let top = clampTop(input.previousTop, lineCount, rowsIn) ?? start;
  if (before(cursor, top)) top = cursor;
  else if (cursor.line - top.line >= content || forward(top, content).every((at) => before(at, cursor))) top = back(cursor, content - 1);

  if (marks === 0) return {rows: forward(top, content), above: undefined, below: undefined};
  let rows = forward(top, height - (before(start, top) ? 1 : 0));
  const last = rows.at(-1) ?? top;
  if (next(last)) rows = rows.slice(0, -1);
  else {
    // The text ends inside the window: fill it, showing the end (as after a paste).
    top = back(last, height - 2);
    rows = forward(top, height - 1);
  }
  const first = rows[0] ?? top;
  const end = rows.at(-1) ?? top;
  return {
    rows,
    above: before(start, first) ? {lines: first.line, rows: first.row} : undefined,
    below: next(end) ? {lines: lineCount - 1 - end.line, rows: rowsIn(end.line) - 1 - end.row} : undefined,
  };
}

// The previous top may point past the text now (lines deleted, a narrower wrap): pull it back in.
function clampTop(top: RowPosition | undefined, lineCount: number, rowsIn: (line: number) => number): RowPosition | undefined {
  if (!top) return undefined;
  const line = Math.min(top.line, lineCount - 1);
  return {line, row: Math.min(line === top.line ? top.row : 0, rowsIn(line) - 1)};
}
