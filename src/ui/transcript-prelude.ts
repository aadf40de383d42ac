import {Chalk} from 'chalk';
import {headerRows} from '../chat/session-header.js';
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
  const dim = options.color ? new Chalk({level: 1}).dim : (row: string): string => row;
  const rows: string[] = [];
  for (const row of headerRows(terminalSafe(header.text), options.width)) rows.push(dim(row.trimEnd()));
  rows.push('', renderRestored(restored.entries, {...options, maxRows: RESTORED_ROWS}).text);
  return {text: `${rows.join('\n')}\n`, items: 2};
}
