/**
 * The floor for the chat-start row (bench/chat-start-row.ts): the least an ink + React app does to
 * draw what gemma's chat first shows, a one-line header and a `› ` prompt with a cursor, reading
 * keys with useInput. Bundled as a plain ink app is (esbuild, ES module, production React, no
 * start-up tricks) and run with plain node; Ctrl-D leaves.
 */
import {Box, render, Text, useApp, useInput} from 'ink';
import {useState} from 'react';

function FloorApp() {
  const {exit} = useApp();
  const [text, setText] = useState('');
  useInput((input, key) => {
    if (key.ctrl && input === 'd') exit();
    else if (!key.ctrl && !key.meta) setText((current) => current + input);
  });
  return (
    <Box flexDirection="column">
      <Text dimColor>gemma - floor app</Text>
      <Box marginTop={1}>
        <Text>{'› '}</Text>
        <Text>{text}</Text>
        <Text inverse> </Text>
      </Box>
    </Box>
  );
}

render(<FloorApp />, {exitOnCtrlC: false, patchConsole: false});
