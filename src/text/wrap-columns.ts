import {textWidth} from './text-width.js';
import {wrapProse} from './wrap-rows.js';

/** `term`, a gap of two or more spaces, then its text: a row of /help or /settings. */
const TERM_AND_TEXT = /^(\s*\S(?:.*?\S)?)( {2,})(\S.*)$/;

/** Stacked rows put the text this far in, under its term. */
const STACKED_INDENT = 4;

/**
 * Text whose lines may be laid out in columns (`/set <setting>  change a setting`), wrapped at
 * `width` so that they keep their shape. Lines are columns when at least two of them have their
 * text at the same column after a gap of two or more spaces (a table, as /help and /settings
 * print; one line with two spaces after a full stop is prose). A column line that fits is left
 * alone; one that does not keeps its text hanging under the text column while that column is at
 * most half the width, and otherwise goes under its term, indented (as `--help` does in a narrow
 * terminal). Everything else is wrapped as prose. Rows are joined with newlines.
 */
export function wrapColumns(text: string, width: number): string {
  const columns = Math.max(1, Math.floor(width));
  const lines = text.split('\n');
  const cells = lines.map((line) => cellsOf(line));
  const hangs = new Map<number, number>();
  for (const cell of cells) if (cell) hangs.set(cell.hang, (hangs.get(cell.hang) ?? 0) + 1);
  return lines
    .flatMap((line, index) => {
      const cell = cells[index];
      if (textWidth(line) <= columns) return [line];
      return cell && (hangs.get(cell.hang) ?? 0) >= 2 ? columnRows(cell, columns) : wrapProse(line, columns);
    })
    .join('\n');
}

interface Cells {
  term: string;
  gap: string;
  rest: string;
  /** Where the text column starts. */
  hang: number;
}

function cellsOf(line: string): Cells | undefined {
  const match = TERM_AND_TEXT.exec(line);
  if (!match) return undefined;
  const [, term = '', gap = '', rest = ''] = match;
  return {term, gap, rest, hang: textWidth(term) + gap.length};
}

function columnRows({term, gap, rest, hang}: Cells, width: number): string[] {
  if (hang <= width / 2) {
    const rows = wrapProse(rest, width - hang);
    return rows.map((row, index) => (index === 0 ? term + gap : ' '.repeat(hang)) + row);
  }
  const indent = ' '.repeat(Math.min(STACKED_INDENT, Math.floor(width / 4)));
  return [...wrapProse(term, width), ...wrapProse(rest, width - indent.length).map((row) => indent + row)];
}
