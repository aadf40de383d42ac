import {Box, Text, Transform} from 'ink';
import {useMemo, useState} from 'react';
import {outputAsShown} from '../chat/shell-output.js';
import {GrowingLineTail} from '../text/growing-line-tail.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {textWidth} from '../text/text-width.js';
import {lastLines} from './last-lines.js';
import {renderMarkdown} from './markdown/render-markdown.js';
import {rawText} from './markdown-text.js';
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
  /** The answer as its raw text, not rendered markdown (render never). */
  raw: boolean;
}

/**
 * The only part of the screen that is redrawn: the unflushed tail of the answer, or the phase
 * line before it starts (a running `!` command's under the last lines of its output). It stays a
 * few rows short of what the prompt leaves (this blank line, the prompt's, two spare): a live
 * area as tall as the screen makes ink clear the terminal and reprint the whole scrollback,
 * which flickers.
 */
export function LiveRegion({live, showThinking, columns, rows, color, raw}: Props) {
  const budget = Math.max(1, rows - 4);
  const {answer, tail} = live;
  const answering = answer.phase === 'answering';
  // One per stream: each remembers how far it has wrapped its growing last line.
  const [tailEnd] = useState(() => new GrowingLineTail());
  const [reasoningEnd] = useState(() => new GrowingLineTail());
  const shownTail = useMemo(() => {
    if (!answering || tail.trim() === '') return '';
    // Only the end can be seen, so only the end is rendered (with its code fence reopened), and
    // of one long last line only its last rows. Rows come out wrapped at the width, for ink.
    const source = tailEnd.trim(trimTailSource(tail, budget * 2), budget, columns);
    return lastLines(raw ? rawText(source, columns) : renderMarkdown(source, {width: columns, color}), budget, columns);
  }, [answering, tail, budget, columns, color, raw, tailEnd]);
  const reasoning = useMemo(() => {
    if (!showThinking || answer.phase !== 'thinking') return '';
    const rows = Math.max(1, budget - 1);
    return lastLines(terminalSafe(reasoningEnd.trim(answer.reasoning.trim(), rows, columns)), rows, columns);
  }, [showThinking, answer.phase, answer.reasoning, budget, columns, reasoningEnd]);

  const output = useMemo(() => {
    const tail = answer.shell?.tail ?? '';
    return tail.trim() === '' ? '' : lastLines(terminalSafe(outputAsShown(tail).replace(/\n$/, '')), Math.max(1, budget - 1), columns);
  }, [answer.shell?.tail, budget, columns]);

  if (answering) {
    return shownTail === '' ? null : (
      <Box marginTop={1}>
        <TailRows text={shownTail} />
      </Box>
    );
  }
  return (
    <Box marginTop={1} flexDirection="column">
      {reasoning === '' ? null : (
        <Rows text={reasoning} dim={color} />
      )}
      {output === '' ? null : <Rows text={output} dim={false} />}
      <PhaseLine answer={answer} thinkingSince={live.thinkingSince} color={color} width={columns} />
    </Box>
  );
}

/**
 * One <Text> a row. ink measures every text on every frame, and keeps each measure in a cache
 * keyed by the whole text and never emptied: one <Text> holding the tail would add a screenful
 * to it per frame, while rows that did not change since the last frame are found there.
 */
function Rows({text, dim}: {text: string; dim: boolean}) {
  return (
    <Box flexDirection="column">
      {text.split('\n').map((row, index) => (
        // An empty <Text> takes no height; a blank row must keep its place.
        <Text key={index} dimColor={dim} italic={dim}>
          {row === '' ? ' ' : row}
        </Text>
      ))}
    </Box>
  );
}

/**
 * The answer's rows, as <Rows> draws them, but ink measures a blank placeholder of the row's
 * width and the row itself is swapped in as ink writes it out. ink measures every text on every
 * frame with string-width, which takes Intl.Segmenter to any row that is not plain ASCII: a
 * screenful of such rows, 30 times a second, was the largest cost left while one long
 * paragraph streams. The rows are already wrapped and measured here (textWidth, cached per
 * word), and the screen reader is given the row itself.
 */
function TailRows({text}: {text: string}) {
  return (
    <Box flexDirection="column">
      {text.split('\n').map((row, index) => (
        <Transform key={index} transform={() => row} accessibilityLabel={row}>
          {' '.repeat(Math.max(1, textWidth(row)))}
        </Transform>
      ))}
    </Box>
  );
}
