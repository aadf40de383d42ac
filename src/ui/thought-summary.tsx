import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {terminalSafe} from '../text/terminal-safe.js';
import {wrapText} from '../text/wrap-rows.js';
import {formatSeconds} from './format-seconds.js';
import {useTerminalSize} from './use-terminal-size.js';

interface Props {
  ms: number | undefined;
  /** Shown in full when the user asked to see thinking; '' keeps it collapsed. */
  reasoning: string;
  color: boolean;
  /** Columns to wrap the reasoning at; the terminal's width when not given. */
  width?: number;
}

/** `thought for 3.2 s`, dim, with the reasoning itself under it when showThinking is on. */
export function ThoughtSummary({ms, reasoning, color, width}: Props) {
  const {columns} = useTerminalSize();
  const wrapAt = width ?? columns;
  const label = ms === undefined ? 'thought' : ms < 50 ? 'thought for < 0.1 s' : `thought for ${formatSeconds(ms)}`;
  // Wrapped here, so ink only measures short rows: reasoning is often one long paragraph.
  const text = useMemo(() => wrapText(terminalSafe(reasoning.trim()), wrapAt), [reasoning, wrapAt]);
  return (
    <Box flexDirection="column">
      <Text dimColor={color}>{label}</Text>
      {text === '' ? null : <Text dimColor={color} italic={color}>{text}</Text>}
    </Box>
  );
}
