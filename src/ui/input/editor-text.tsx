import {Box, Text} from 'ink';
import {cursorLocation} from './cursor-location.js';
import type {EditorState} from './line-editor.js';

// Ink measures a tab as zero columns, so it is drawn as spaces; the text itself keeps the tab.
const display = (text: string): string => text.replaceAll('\t', '    ');

export interface EditorTextProps {
  state: EditorState;
}

/** The lines of the input, with the cursor drawn as an inverse character (a space at the end of a line). */
export function EditorText({state}: EditorTextProps) {
  const {lines, line, column} = cursorLocation(state);
  return (
    <Box flexDirection="column" flexGrow={1}>
      {lines.map((text, index) => {
        if (index !== line) return <Text key={index}>{display(text) || ' '}</Text>;
        const code = text.codePointAt(column);
        const under = code === undefined ? ' ' : String.fromCodePoint(code);
        return (
          <Text key={index}>
            {display(text.slice(0, column))}
            <Text inverse>{display(under)}</Text>
            {display(text.slice(column + under.length))}
          </Text>
        );
      })}
    </Box>
  );
}
