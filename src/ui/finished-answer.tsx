import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {splitCompletedBlocks} from '../chat/split-blocks.js';
import {wrapText} from '../text/wrap-rows.js';
import type {StaticItem} from './static-item.js';
import {answerFooterNote, contextLevel, contextPart, formatAnswerFooter} from './format-answer-footer.js';
import {MarkdownText} from './markdown-text.js';
import {ThoughtSummary} from './thought-summary.js';

interface Props {
  item: Extract<StaticItem, {kind: 'answer'}>;
  width: number;
  color: boolean;
}

/** The markdown blocks of `text`, split exactly as a streaming answer is, so both print alike. */
function blocksOf(text: string): string[] {
  const {blocks, tailStart} = splitCompletedBlocks(text);
  return [...blocks, text.slice(tailStart)].filter((block) => block.trim() !== '');
}

/**
 * The end of an answer in the scrollback: whatever its streamed blocks did not already print
 * (all of it when it arrived whole), `(interrupted)` if cut short, and the usage footer (led by a
 * yellow note when the answer stopped early, at the token limit). Each
 * block sits one blank line below the last, as flushed blocks do.
 */
export function FinishedAnswer({item, width, color}: Props) {
  const {entry, from, withThought, showThinking, raw, totals} = item;
  const reasoning = showThinking ? entry.reasoning : '';
  const thought = withThought && (entry.timing.thinkingMs !== undefined || reasoning.trim() !== '');
  const note = answerFooterNote(entry);
  const blocks = useMemo(() => blocksOf(entry.text.slice(from)), [entry.text, from]);
  return (
    <Box flexDirection="column">
      {thought ? (
        <Box marginTop={1} width={width}>
          <ThoughtSummary ms={entry.timing.thinkingMs} reasoning={reasoning} color={color} width={width} />
        </Box>
      ) : null}
      {blocks.map((block, index) => (
        <Box key={index} marginTop={1}>
          <MarkdownText markdown={block} width={width} color={color} raw={raw} />
        </Box>
      ))}
      {entry.interrupted ? (
        <Box marginTop={blocks.length === 0 ? 1 : 0} width={width}>
          <Text dimColor={color}>(interrupted)</Text>
        </Box>
      ) : null}
      {entry.restored ? null : (
        <Box marginTop={1} width={width} flexDirection="column">
          {note ? <Text color={color ? 'yellow' : undefined}>{wrapText(note, width)}</Text> : null}
          <AnswerFooter entry={entry} totals={totals} width={width} color={color} />
        </Box>
      )}
    </Box>
  );
}

/** The footer's numbers, dim, but for a ctx part past 80%, in its colour (a part is never split by the wrap). */
function AnswerFooter({entry, totals, width, color}: {entry: Props['item']['entry']; totals: Props['item']['totals']; width: number; color: boolean}) {
  const footer = formatAnswerFooter(entry, totals, width);
  const level = entry.context && color ? contextLevel(entry.context) : undefined;
  const part = entry.context ? contextPart(entry.context) : '';
  const at = level ? footer.indexOf(part) : -1;
  if (!level || at < 0) return <Text dimColor={color}>{footer}</Text>;
  return (
    <Text>
      <Text dimColor>{footer.slice(0, at)}</Text>
      <Text color={level}>{part}</Text>
      <Text dimColor>{footer.slice(at + part.length)}</Text>
    </Text>
  );
}
