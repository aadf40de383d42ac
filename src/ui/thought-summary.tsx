import {Box, Text} from 'ink';
import {terminalSafe} from '../text/terminal-safe.js';
import {formatSeconds} from './format-seconds.js';

interface Props {
  ms: number | undefined;
  /** Shown in full when the user asked to see thinking; '' keeps it collapsed. */
  reasoning: string;
  color: boolean;
}

/** `thought for 3.2 s`, dim, with the reasoning itself under it when showThinking is on. */
export function ThoughtSummary({ms, reasoning, color}: Props) {
  const label = ms === undefined ? 'thought' : ms < 50 ? 'thought for < 0.1 s' : `thought for ${formatSeconds(ms)}`;
  const text = terminalSafe(reasoning.trim());
  return (
    <Box flexDirection="column">
      <Text dimColor={color}>{label}</Text>
      {text === '' ? null : <Text dimColor={color} italic={color}>{text}</Text>}
    </Box>
  );
}
