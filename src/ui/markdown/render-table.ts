import type {Tokens} from 'marked';
import type {MarkdownStyle} from './markdown-style.js';
import {renderInline} from './render-inline.js';
import {textWidth} from '../../text/text-width.js';

type Align = Tokens.Table['align'][number];

const COLUMN_GAP = '  ';

/**
 * Lays a table out in aligned columns measured by display width (a CJK character or an emoji
 * takes two cells), with a bold header and a `─` rule under it. Cells are never wrapped: a
 * table wider than the terminal overflows, which keeps each row on one logical line.
 */
export function renderTable(table: Tokens.Table, style: MarkdownStyle): string {
  const columns = table.header.length;
  const cell = (row: readonly Tokens.TableCell[], column: number): string =>
    flatten(renderInline(row[column]?.tokens, style));
  const header = Array.from({length: columns}, (_, column) => style.tableHeader(cell(table.header, column)));
  const rows = table.rows.map((row) => Array.from({length: columns}, (_, column) => cell(row, column)));

  const widths = header.map((text) => textWidth(text));
  for (const row of rows) {
    row.forEach((text, column) => {
      widths[column] = Math.max(widths[column] ?? 0, textWidth(text));
    });
  }

  const line = (cells: readonly string[]): string =>
    cells
      .map((text, column) => pad(text, widths[column] ?? 0, table.align[column] ?? null))
      .join(COLUMN_GAP)
      .trimEnd();
  const rule = style.dim(widths.map((width) => '─'.repeat(Math.max(width, 1))).join(COLUMN_GAP));
  return [line(header), rule, ...rows.map(line)].join('\n');
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
