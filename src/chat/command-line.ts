/**
 * Whether a line typed in the chat is a `/command`, a `!command` for the shell, or a message. A
 * message may need to start with a slash (a path, `/etc/hosts` in the question) or a `!`: `//`
 * and `!!` send it with one character less.
 */

/** The command line (trimmed), or undefined when the input is a message. */
export function commandOf(input: string): string | undefined {
  const trimmed = input.trim();
  return trimmed.startsWith('/') && !trimmed.startsWith('//') ? trimmed : undefined;
}

/** `!git status`: the line (trimmed, `!` and all), or undefined when the input is not one; the command table runs it. */
export function shellLineOf(input: string): string | undefined {
  const trimmed = input.trim();
  return trimmed.startsWith('!') && !trimmed.startsWith('!!') ? trimmed : undefined;
}

/** The message to send: `//etc/hosts …` as `/etc/hosts …`, `!!important` as `!important`, anything else as typed. */
export function escapedMessage(input: string): string {
  const start = input.trimStart();
  return start.startsWith('//') || start.startsWith('!!') ? start.slice(1) : input;
}
