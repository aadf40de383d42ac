import {Box, Text} from 'ink';
import {CUT_NOTE} from '../chat/capped-output.js';
import type {ShellEntry} from '../chat/chat-types.js';
import {runEnding, shellEntryText} from '../chat/shell-output.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {wrapRows, wrapText} from '../text/wrap-rows.js';

interface Props {
  entry: ShellEntry;
  width: number;
  color: boolean;
}

/**
 * Rows of output shown in the scrollback, at most: the first and last half. ink lays a <Static>
 * item out as a grid of cells, one object each, so the 131,072 rows of `!yes | head -c 50M`'s
 * 256 kB froze the chat for 20 s and took 1.6 GB; a terminal's own scrollback keeps fewer rows.
 */
export const SHOWN_ROWS = 1000;

/** Output rows as a terminal lays them out: every space kept (columns of `ls -l`), long lines broken at the edge. */
function outputRows(output: string, width: number): string {
  const rows: string[] = [];
  // The rows of the line saying how much the capture cut: kept in view when the middle is not shown.
  let cut: [number, number] | undefined;
  for (const line of terminalSafe(output.replace(/\n$/, '')).split('\n')) {
    const wrapped = wrapRows(line, width);
    if (!cut && CUT_NOTE.test(line)) cut = [rows.length, rows.length + wrapped.length];
    rows.push(...wrapped);
  }
  if (rows.length <= SHOWN_ROWS) return rows.join('\n');
  const half = SHOWN_ROWS / 2;
  const note = `[… ${(rows.length - SHOWN_ROWS).toLocaleString('en-US')} rows not shown here: the first and last ${half} are …]`;
  const cutRows = cut && cut[1] > half && cut[0] < rows.length - half ? rows.slice(cut[0], cut[1]) : [];
  return [...rows.slice(0, half), ...wrapRows(note, width), ...cutRows, ...rows.slice(-half)].join('\n');
}

/**
 * A `!command` in the scrollback: `$ command`, as at a shell prompt, its output (made inert: a
 * command's escapes never reach the terminal), and how it ended when not with exit 0. A `/run`
 * is the one line that says what was attached, as /file says it.
 */
export function ShellEntryView({entry, width, color}: Props) {
  if (entry.attached !== undefined) {
    return <Text dimColor={color}>{wrapText(terminalSafe(shellEntryText(entry)), width)}</Text>;
  }
  const ending = runEnding(entry);
  return (
    <Box flexDirection="column">
      <Text bold={color}>{wrapText(`$ ${terminalSafe(entry.command)}`, width)}</Text>
      {entry.output.replace(/\n$/, '') === '' ? null : <Text>{outputRows(entry.output, width)}</Text>}
      {ending === '' ? null : (
        <Text color={color && !entry.cancelled ? 'red' : undefined} dimColor={color && entry.cancelled}>{`[${ending}]`}</Text>
      )}
    </Box>
  );
}
