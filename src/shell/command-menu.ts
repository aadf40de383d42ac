import {createInterface} from 'node:readline';

/** What a key at the menu asks for. */
export type MenuChoice = 'execute' | 'revise' | 'describe' | 'copy' | 'quit' | 'interrupt' | 'again';

export const MENU_LINE = '[e]xecute  [r]evise  [d]escribe  [c]opy  [q]uit';

/**
 * One key press (a chunk read in raw mode) as a menu choice; undefined for a key the menu does
 * not know, which is ignored. Enter shows the menu again; Ctrl-C interrupts; Esc, q and Ctrl-D
 * quit. An escape sequence (an arrow key, a function key) is one chunk longer than Esc: ignored.
 */
export function menuChoice(key: string): MenuChoice | undefined {
  switch (key) {
    case 'e':
    case 'E':
      return 'execute';
    case 'r':
    case 'R':
      return 'revise';
    case 'd':
    case 'D':
      return 'describe';
    case 'c':
    case 'C':
      return 'copy';
    case 'q':
    case 'Q':
    case '\u001b':
    case '\u0004':
      return 'quit';
    case '\u0003':
      return 'interrupt';
    case '\r':
    case '\n':
    case '\r\n':
      return 'again';
    default:
      return undefined;
  }
}

/** The terminal gemma reads keys from and draws the menu on. */
export interface MenuTerminal {
  input: NodeJS.ReadStream;
  output: NodeJS.WritableStream;
}

/**
 * Waits for a key the menu knows, in raw mode (no Enter needed, no echo). The mode is restored
 * before this returns, so whatever runs next (the command itself) gets the terminal as it was.
 * Keys typed before the menu was shown (while the model worked) are dropped: an `e` typed
 * ahead must not run a command nobody has read. They are what the terminal already holds, so
 * they arrive in the loop's first poll, before the second setImmediate after reading starts.
 */
export function readMenuKey({input}: MenuTerminal): Promise<MenuChoice> {
  return new Promise((resolve) => {
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    let typedAhead = true;
    setImmediate(() => setImmediate(() => (typedAhead = false)));
    const onData = (chunk: Buffer): void => {
      if (typedAhead) return;
      const choice = menuChoice(chunk.toString('utf8'));
      if (!choice) return;
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      resolve(choice);
    };
    input.on('data', onData);
    input.resume();
  });
}

/**
 * One line typed with line editing (node:readline on the terminal). Ctrl-C gives `undefined`
 * (the caller quits), Ctrl-D an empty line.
 */
export function readMenuLine({input, output}: MenuTerminal, prompt: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const rl = createInterface({input, output, terminal: true, historySize: 0});
    let answer: string | undefined = '';
    rl.on('SIGINT', () => {
      answer = undefined;
      output.write('\n');
      rl.close();
    });
    rl.on('close', () => {
      input.pause();
      resolve(answer);
    });
    rl.question(prompt, (line) => {
      answer = line;
      rl.close();
    });
  });
}
