interface Writable {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/**
 * Asks the terminal to wrap pastes in `ESC[200~ … ESC[201~`, so a pasted newline is text rather
 * than Enter. Only on a TTY: elsewhere the sequence would end up in a file or pipe.
 */
export function enableBracketedPaste(stdout: Writable): void {
  if (stdout.isTTY) stdout.write('\x1b[?2004h');
}

/** Restores the terminal's normal paste; call it on every exit path, or the shell sees the markers. */
export function disableBracketedPaste(stdout: Writable): void {
  if (stdout.isTTY) stdout.write('\x1b[?2004l');
}
