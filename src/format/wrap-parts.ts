import {textWidth} from '../text/text-width.js';
import {wrapRows} from '../text/wrap-rows.js';

/** One piece of a one-line summary (the chat's header, an answer's footer) and what joins it to the piece before. */
export interface LinePart {
  text: string;
  separator: string;
}

/**
 * The parts as rows no wider than `width`, broken only at a separator (which is dropped there,
 * so no row starts with ` · `): a number or a name is never split, unless a part alone is wider
 * than a row, which is then word-wrapped by itself.
 */
export function wrapParts(parts: readonly LinePart[], width: number): string[] {
  const columns = Math.max(1, Math.floor(width));
  const rows: string[] = [];
  let row = '';
  let used = 0;
  for (const part of parts) {
    const cells = textWidth(part.text);
    const joined = used === 0 ? 0 : textWidth(part.separator);
    if (used > 0 && used + joined + cells <= columns) {
      row += part.separator + part.text;
      used += joined + cells;
      continue;
    }
    if (used > 0) rows.push(row);
    if (cells <= columns) {
      row = part.text;
      used = cells;
      continue;
    }
    const pieces = wrapRows(part.text, columns);
    rows.push(...pieces.slice(0, -1));
    row = pieces.at(-1) ?? '';
    used = textWidth(row);
  }
  if (used > 0 || rows.length === 0) rows.push(row);
  return rows;
}

/** Parts joined by ` · `, as the header and the footer separate theirs. */
export function dotted(texts: readonly string[]): LinePart[] {
  return texts.map((text) => ({text, separator: ' · '}));
}
