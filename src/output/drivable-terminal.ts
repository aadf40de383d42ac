import type {TextSink} from './terminal.js';

/**
 * A terminal gemma may move the cursor on (redraw a line, erase rows, run the chat UI): a TTY
 * whose TERM is not `dumb`. TERM=dumb is what terminals without cursor addressing say (Emacs'
 * shell, some CI and editor consoles): they get what a pipe gets, line by line. An unset TERM is
 * not taken as dumb: the cursor codes gemma uses are the ANSI ones every other terminal has.
 */
export function canDriveTerminal(stream: Pick<TextSink, 'isTTY'>, env: Record<string, string | undefined>): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** A terminal's size, or $COLUMNS / $LINES and then 80 by 24 when it reports none (a pty never sized reports 0). */
export function terminalSize(stream: {columns?: number; rows?: number}, env: Record<string, string | undefined>): {columns: number; rows: number} {
  return {columns: stream.columns || positive(env.COLUMNS) || 80, rows: stream.rows || positive(env.LINES) || 24};
}

function positive(value: string | undefined): number | undefined {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
}
