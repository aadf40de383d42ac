import {HEADER_SEPARATOR} from '../chat/session-header.js';
import {dotted, wrapParts} from '../format/wrap-parts.js';
import {cutToWidth} from '../text/cut-to-width.js';

/**
 * The header as rows of `width`, broken between its parts (never inside a number or a name); a
 * part wider than a row (a long model id at 40 columns) is cut to it with `…`, not wrapped.
 */
export function headerRows(header: string, width: number): string[] {
  const columns = Math.max(1, Math.floor(width));
  return wrapParts(dotted(header.split(HEADER_SEPARATOR).map((part) => cutToWidth(part, columns))), width);
}
