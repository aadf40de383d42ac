import type {Tokens} from 'marked';
import type {MarkdownStyle} from './markdown-style.js';
import {renderInline} from './render-inline.js';
import {textWidth} from '../../text/text-width.js';
import {wrapProse} from '../../text/wrap-rows.js';

type Align = Tokens.Table['align'][number];

const COLUMN_GAP = '  ';

/**
 * How narrow a column may get: as wide as its longest word, so that words are not broken
 * (`docume`/`nt` reads worse than the stacked layout), but at least MIN_COLUMN and at most
 * MAX_FLOOR (a long URL breaks anyway), never wider than the column's own content. A table
 * whose columns cannot all fit at that is stacked.
 */
const MIN_COLUMN = 6;
const MAX_FLOOR = 12;

/**
 * Lays a table out in aligned columns measured by display width (a CJK character or an emoji
 * takes two cells), with a bold header and a `─` rule under it, no wider than `width`: when
 * the natural layout is too wide, the widest columns are narrowed first and their cells wrap
 * inside the column. When even that cannot fit (too many columns for the width), each row is
 * printed as `header: value` lines instead, rows a blank line apart. A rule never wraps.
 */
export function renderTable(table: Tokens.Table, style: MarkdownStyle, width: number): string[] {
  const columns = table.header.length;
  const cell = (row: readonly Tokens.TableCell[], column: number): string =>
    flatten(renderInline(row[column]?.tokens, style));
  const header = Array.from({length: columns}, (_, column) => cell(table.header, column));
  const rows = table.rows.map((row) => Array.from({length: columns}, (_, column) => cell(row, column)));

  const natural = header.map(() => 1);
  const longestWord = header.map(() => 0);
  for (const row of [header, ...rows]) {
    row.forEach((text, column) => {
      natural[column] = Math.max(natural[column] ?? 0, textWidth(text));
      for (const word of text.split(' ')) longestWord[column] = Math.max(longestWord[column] ?? 0, textWidth(word));
    });
  }
  const floors = natural.map((cells, column) =>
    Math.min(cells, Math.max(MIN_COLUMN, Math.min(MAX_FLOOR, longestWord[column] ?? 0))),
  );
  const widths = fitColumns(natural, floors, width);
  if (!widths) return stacked(header, rows, style, width);

  const line = (cells: readonly string[], paint: (text: string) => string): string[] => {
    const wrapped = cells.map((text, column) => wrapProse(text, widths[column] ?? 1));
    const height = Math.max(1, ...wrapped.map((parts) => parts.length));
    return Array.from({length: height}, (_, index) =>
      wrapped
        .map((parts, column) => pad(paint(parts[index] ?? ''), widths[column] ?? 0, table.align[column] ?? null))
        .join(COLUMN_GAP)
        .trimEnd(),
    );
  };
  const rule = style.dim(widths.map((cells) => '─'.repeat(cells)).join(COLUMN_GAP));
  return [...line(header, style.tableHeader), rule, ...rows.flatMap((row) => line(row, plainText))];
}

const plainText = (text: string): string => text;

/**
 * Column widths whose sum with the gaps fits `width`: the natural widths when they fit, else
 * the widest columns are brought down to one shared cap, the largest that fits, so narrow
 * columns keep their width (no column below its floor). Undefined when even the floors do not fit.
 */
function fitColumns(natural: readonly number[], floors: readonly number[], width: number): number[] | undefined {
  if (!Number.isFinite(width) || width < 1) return [...natural];
  const available = Math.floor(width) - COLUMN_GAP.length * (natural.length - 1);
  const capped = (cap: number): number[] => natural.map((cells, column) => Math.max(floors[column] ?? 0, Math.min(cells, cap)));
  const total = (cap: number): number => capped(cap).reduce((sum, cells) => sum + cells, 0);
  if (total(Infinity) <= available) return [...natural];
  if (total(0) > available) return undefined;
  // The largest cap that fits, found by bisection over [0, widest].
  let low = 0;
  let high = Math.max(...natural);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (total(mid) <= available) low = mid;
    else high = mid - 1;
  }
  const widths = capped(low);
  // What the cap leaves over goes, a cell at a time, to the columns it cut, left first.
  let spare = available - total(low);
  for (let column = 0; column < widths.length && spare > 0; column++) {
    if ((natural[column] ?? 0) > (widths[column] ?? 0)) {
      widths[column] = (widths[column] ?? 0) + 1;
      spare -= 1;
    }
  }
  return widths;
}

/** One `header: value` line per cell, wrapped with the rows after the first hanging by two cells. */
function stacked(header: readonly string[], rows: readonly string[][], style: MarkdownStyle, width: number): string[] {
  const out: string[] = [];
  const records = rows.length > 0 ? rows : [header.map(() => '')];
  records.forEach((row, index) => {
    if (index > 0) out.push('');
    row.forEach((value, column) => {
      const name = header[column] ?? '';
      const text = `${style.tableHeader(`${name}:`)}${value === '' ? '' : ` ${value}`}`;
      out.push(...hanging(text, width));
    });
  });
  return out;
}

const HANG = '  ';

function hanging(text: string, width: number): string[] {
  if (!Number.isFinite(width) || width < 1) return [text];
  const [first = '', ...rest] = wrapProse(text, width);
  if (rest.length === 0) return [first];
  // The rows after the first are wrapped again, narrower by the indent.
  return [first, ...wrapProse(rest.join(' '), Math.max(1, width - HANG.length)).map((row) => HANG + row)];
}

// A `<br>` or hard break inside a cell would tear the row apart; keep the row on one line.
function flatten(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function pad(text: string, width: number, align: Align): string {
  const gap = Math.max(0, width - textWidth(text));
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') {
    const left = Math.floor(gap / 2);
    return ' '.repeat(left) + text + ' '.repeat(gap - left);
  }
  return text + ' '.repeat(gap);
}
