import {Help} from 'commander';

/**
 * Commander lays a flag and its description side by side, and stops wrapping when less than 40
 * columns are left for the description (a 40-column terminal then breaks every line mid-word).
 * There the description goes under its flag, wrapped to the width.
 */
export function stackedWhenNarrow(this: Help, term: string, termWidth: number, description: string, helper: Help): string {
  const width = helper.helpWidth ?? 80;
  if (!description || width - termWidth - 4 >= 40) return Help.prototype.formatItem.call(this, term, termWidth, description, helper);
  return `  ${term}\n      ${helper.boxWrap(description, width - 6).replace(/\n/g, '\n      ')}`;
}

/** A Help for text of ours, at the width commander gives its own: the terminal's, else 80. */
const shownHelp = (): Help => Object.assign(new Help(), {minWidthToWrap: 20, helpWidth: process.stdout.isTTY ? process.stdout.columns : 80});

/** Rows of a list of ours laid out as commander lays out its own. */
export function helpRows(rows: ReadonlyArray<readonly [string, string]>): string {
  const help = shownHelp();
  const termWidth = Math.max(...rows.map(([term]) => term.length));
  return rows.map(([term, text]) => stackedWhenNarrow.call(help, term, termWidth, text, help)).join('\n');
}

/** Text of ours wrapped at the help's width. */
export function wrappedToWidth(text: string): string {
  const help = shownHelp();
  return help.boxWrap(text, help.helpWidth ?? 80);
}
