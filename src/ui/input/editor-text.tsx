import {Box, Text} from 'ink';
import {memo, useRef} from 'react';
import type {EditorState} from './line-editor.js';
import {LineRowsCache, locateColumn} from './line-rows.js';
import {promptWindow, type Hidden, type RowPosition} from './prompt-window.js';

export interface EditorTextProps {
  state: EditorState;
  /** Cells a row may take (the cursor drawn after the last character included). */
  width: number;
  /** Rows the text may take; a longer text is shown as a window around the cursor. */
  height: number;
}

const plural = (count: number, word: string): string => `${count.toLocaleString('en-US')} more ${word}${count === 1 ? '' : 's'}`;

// Whole lines when any are hidden; rows when only part of one long line is. The first such line
// says how to see it all.
const hiddenText = ({lines, rows}: Hidden, side: 'above' | 'below', hint: boolean): string =>
  `… ${lines > 0 ? plural(lines, 'line') : plural(rows, 'row')} ${side}${hint ? ' (Ctrl+G: edit in $EDITOR)' : ''}`;

// A row without the cursor is drawn again only when its text changes: a key re-renders (and ink
// re-measures) the cursor's row, not the screenful around it.
const PlainRow = memo(function PlainRow({text}: {text: string}) {
  return <Text>{text || ' '}</Text>;
});

/**
 * The input as rows wrapped at `width`, the cursor drawn as an inverse character (a space at the
 * end of a line). Only the rows that fit in `height` are drawn, so a key after a 3,000-line paste
 * costs what it costs with those rows of text: ink lays out and draws them, not the whole input.
 */
export function EditorText({state, width, height}: EditorTextProps) {
  const cache = useRef(new LineRowsCache()).current;
  // Where the window started last render; kept across renders so the view scrolls like an editor's.
  const top = useRef<RowPosition | undefined>(undefined);
  const columns = Math.max(1, width);
  const layoutOf = (line: number) => cache.get(state.lines[line] ?? '', columns);
  const cursorLine = state.lines[state.line] ?? '';
  const cursorLayout = layoutOf(state.line);
  const at = locateColumn(cursorLine, cursorLayout, state.column);
  const view = promptWindow({
    lineCount: state.lines.length,
    rowsIn: (line) => layoutOf(line).rows.length,
    cursor: {line: state.line, row: at.row},
    height,
    previousTop: top.current,
  });
  top.current = view.rows[0];

  return (
    <Box flexDirection="column" flexGrow={1}>
      {view.above && (
        <Text dimColor wrap="truncate-end">
          {hiddenText(view.above, 'above', true)}
        </Text>
      )}
      {view.rows.map(({line, row}) => {
        const text = layoutOf(line).rows[row] ?? '';
        const key = `${line}:${row}`;
        if (line !== state.line || row !== at.row) return <PlainRow key={key} text={text} />;
        const code = text.codePointAt(at.offset);
        const under = code === undefined ? ' ' : String.fromCodePoint(code);
        return (
          <Text key={key}>
            {text.slice(0, at.offset)}
            <Text inverse>{under}</Text>
            {text.slice(at.offset + under.length)}
          </Text>
        );
      })}
      {view.below && (
        <Text dimColor wrap="truncate-end">
          {hiddenText(view.below, 'below', !view.above)}
        </Text>
      )}
    </Box>
  );
}
