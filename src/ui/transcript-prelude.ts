import {Chalk} from 'chalk';
import {terminalSafe} from '../text/terminal-safe.js';
import type {StaticItem} from './static-item.js';
import {renderRestored, RESTORED_ROWS} from './transcript-restored.js';
import {wrapLine} from './transcript-wrap.js';

export interface Prelude {
  /** What to write to the terminal, ending with a newline ('' when there is nothing). */
  text: string;
  /** How many of the items it holds (the first ones). */
  items: number;
}

/**
 * The scrollback a chat starts with, when it is only text: the header and a resumed session's
 * turns, laid out as <Static> prints them (the turns one blank line below the header). Written to
 * the terminal before ink mounts, it costs ink nothing: through <Static>, even one text node of a
 * thousand rows is a thousand-by-width grid of cells to lay out, draw and diff (~200 ms).
 */
export function preludeOf(items: readonly StaticItem[], options: {width: number; color: boolean}): Prelude {
  const rows: string[] = [];
  let count = 0;
  for (const item of items) {
    if (item.kind === 'header') {
      const dim = options.color ? new Chalk({level: 1}).dim : (row: string): string => row;
      for (const line of terminalSafe(item.text).split('\n')) for (const row of wrapLine(line, options.width)) rows.push(dim(row));
    } else if (item.kind === 'restored') {
      rows.push('', renderRestored(item.entries, {...options, maxRows: RESTORED_ROWS}).text);
    } else {
      break;
    }
    count++;
  }
  return {text: rows.length === 0 ? '' : `${rows.join('\n')}\n`, items: count};
}
