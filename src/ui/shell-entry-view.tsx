import {Box, Text} from 'ink';
import type {ShellEntry} from '../chat/chat-types.js';
import {runEnding, shellEntryText} from '../chat/shell-output.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {wrapRows, wrapText} from '../text/wrap-rows.js';

interface Props {
  entry: ShellEntry;
  width: number;
  color: boolean;
}

/** Output rows as a terminal lays them out: every space kept (columns of `ls -l`), long lines broken at the edge. */
function outputRows(output: string, width: number): string {
  return terminalSafe(output.replace(/\n$/, ''))
    .split('\n')
    .map((line) => wrapRows(line, width).join('\n'))
    .join('\n');
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
