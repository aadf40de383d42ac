import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {TranscriptEntry} from '../chat/chat-types.js';
import {renderRestored, RESTORED_ROWS} from './transcript-restored.js';

interface Props {
  entries: readonly TranscriptEntry[];
  width: number;
  color: boolean;
}

/**
 * A resumed session's turns: one text node, already wrapped at the terminal's width, so ink lays
 * out and draws one box instead of a tree per turn. The box is as wide as the widest line, so an
 * unwrapped code line is not broken by ink (the terminal soft-wraps it, as in the live scrollback).
 */
export function RestoredTurns({entries, width, color}: Props) {
  const restored = useMemo(() => renderRestored(entries, {width, color, maxRows: RESTORED_ROWS}), [entries, width, color]);
  if (restored.text === '') return null;
  return (
    <Box marginTop={1} width={Math.max(width, restored.widest)} flexShrink={0}>
      <Text>{restored.text}</Text>
    </Box>
  );
}
