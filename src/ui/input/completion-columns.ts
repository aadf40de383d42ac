import {textWidth} from '../../text/text-width.js';

/** One row of the completion list: its cells, each padded to the column width but the last. */
export interface MenuRow {
  cells: {label: string; pad: string; selected: boolean}[];
}

export interface MenuLayout {
  rows: MenuRow[];
  /** Options in rows not shown (the list keeps to `maxRows`, the selected one in view). */
  hidden: number;
}

const GAP = 2;

/** Cuts a label wider than the whole row, at a character, with an ellipsis: the only label ever shortened. */
function fit(label: string, width: number): string {
  if (textWidth(label) <= width) return label;
  let out = '';
  for (const char of label) {
    if (textWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

/**
 * The candidates in as many columns as fit `width`, row by row (Tab walks them in reading
 * order), every column as wide as the widest label: no label is ever broken across rows. Long
 * lists show `maxRows` rows around the selected option.
 */
export function menuLayout(labels: readonly string[], selected: number, width: number, maxRows: number): MenuLayout {
  const columnWidth = Math.max(1, ...labels.map(textWidth)) + GAP;
  const columns = Math.max(1, Math.floor((width + GAP) / columnWidth));
  const all: MenuRow[] = [];
  for (let start = 0; start < labels.length; start += columns) {
    const cells = labels.slice(start, start + columns).map((label, offset) => {
      const last = offset === columns - 1 || start + offset === labels.length - 1;
      const text = fit(label, Math.max(1, width));
      return {label: text, pad: last ? '' : ' '.repeat(columnWidth - textWidth(text)), selected: start + offset === selected};
    });
    all.push({cells});
  }
  const shown = Math.max(1, maxRows);
  if (all.length <= shown) return {rows: all, hidden: 0};
  // One row says how many more there are.
  const room = Math.max(1, shown - 1);
  const selectedRow = selected < 0 ? 0 : Math.floor(selected / columns);
  const first = Math.min(Math.max(0, selectedRow - room + 1), all.length - room);
  const rows = all.slice(first, first + room);
  return {rows, hidden: labels.length - rows.reduce((sum, row) => sum + row.cells.length, 0)};
}
