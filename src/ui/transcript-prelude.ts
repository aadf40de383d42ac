import {Chalk} from 'chalk';
import {headerRows as wrappedHeader} from './header-rows.js';
import {terminalSafe} from '../text/terminal-safe.js';
import type {StaticItem} from './static-item.js';
import {renderRestored, RESTORED_ROWS} from './transcript-restored.js';

export interface Prelude {
  /** What to write to the terminal, ending with a newline ('' when there is nothing). */
  text: string;
  /** How many of the items it holds (the first ones). */
  items: number;
}

/**
 * The scrollback a resumed chat starts with, the header and the session's turns, as text laid
 * out as <Static> prints them (the turns one blank line below the header). Written to
 * the terminal before ink mounts, it costs ink nothing: through <Static>, even one text node of a
 * thousand rows is a thousand-by-width grid of cells to lay out, draw and diff (~200 ms).
 */
export function preludeOf(items: readonly StaticItem[], options: {width: number; color: boolean}): Prelude {
  const [header, restored] = items;
  // Only a resumed chat has one. Otherwise <Static> prints the header as it always has: ink keeps
  // what it printed, to draw it again should it ever clear the screen, and a prelude is not in it.
  if (header?.kind !== 'header' || restored?.kind !== 'restored') return {text: '', items: 0};
  const rows = [...headerRows(header.text, options), '', renderRestored(restored.entries, {...options, maxRows: RESTORED_ROWS}).text];
  return {text: `${rows.join('\n')}\n`, items: 2};
}

/** The header as <Static> prints it: dim, wrapped at the width. */
function headerRows(header: string, options: {width: number; color: boolean}): string[] {
  const dim = options.color ? new Chalk({level: 1}).dim : (row: string): string => row;
  return wrappedHeader(terminalSafe(header), options.width).map((row) => dim(row.trimEnd()));
}

/**
 * Ctrl-L: what clears the screen to the header, the prompt then drawn under it. Where readline
 * clears the screen (and the lines on it are gone), this scrolls them up first, a newline per
 * row, so the whole transcript stays in the terminal's scrollback. Written through ink, which
 * erases its live part first (the newlines then start where it began and push everything above
 * out) and draws it again after.
 */
export function clearScreenText(header: string, options: {width: number; rows: number; color: boolean}): string {
  return `${'\n'.repeat(Math.max(1, options.rows))}\x1b[H${headerRows(header, options).join('\n')}\n`;
}
