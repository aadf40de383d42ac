import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {terminalSafe} from '../text/terminal-safe.js';
import {lastLines} from './last-lines.js';
import {renderMarkdown} from './markdown/render-markdown.js';
import {PhaseLine} from './phase-line.js';
import {trimTailSource} from './trim-tail-source.js';
import type {LiveView} from './transcript-view.js';

interface Props {
  live: LiveView;
  showThinking: boolean;
  columns: number;
  /** Terminal rows left once the prompt (and its margin) is drawn. */
  rows: number;
  color: boolean;
}

/**
 * The only part of the screen that is redrawn: the unflushed tail of the answer, or the phase
 * line before it starts. It stays a few rows short of what the prompt leaves (this blank line,
 * the prompt's, two spare): a live area as tall as the screen makes ink clear the terminal and
 * reprint the whole scrollback, which flickers.
 */
export function LiveRegion({live, showThinking, columns, rows, color}: Props) {
  const budget = Math.max(1, rows - 4);
  const {answer, tail} = live;
  const answering = answer.phase === 'answering';
  const shownTail = useMemo(() => {
    if (!answering || tail.trim() === '') return '';
    // Only the end can be seen, so only the end is rendered (with its code fence reopened).
    const rendered = renderMarkdown(trimTailSource(tail, budget * 2), {width: columns, color});
    return lastLines(rendered, budget, columns);
  }, [answering, tail, budget, columns, color]);
  const reasoning = useMemo(
    () => (showThinking && answer.phase === 'thinking' ? lastLines(terminalSafe(answer.reasoning.trim()), budget - 1, columns) : ''),
    [showThinking, answer.phase, answer.reasoning, budget, columns],
  );

  if (answering) {
    return shownTail === '' ? null : (
      <Box marginTop={1}>
        <Text>{shownTail}</Text>
      </Box>
    );
  }
  return (
    <Box marginTop={1} flexDirection="column">
      {reasoning === '' ? null : (
        <Text dimColor={color} italic={color}>
          {reasoning}
        </Text>
      )}
      <PhaseLine answer={answer} thinkingSince={live.thinkingSince} color={color} />
    </Box>
  );
}
