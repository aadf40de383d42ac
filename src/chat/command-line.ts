/**
 * Whether a line typed in the chat is a `/command`. A message may need to start with a slash
 * (a path, `/etc/hosts` in the question): `//` sends it with one slash less.
 */

/** The command line (trimmed), or undefined when the input is a message. */
export function commandOf(input: string): string | undefined {
  const trimmed = input.trim();
  return trimmed.startsWith('/') && !trimmed.startsWith('//') ? trimmed : undefined;
}

/** The message to send: `//etc/hosts …` as `/etc/hosts …`, anything else as typed. */
export function escapedMessage(input: string): string {
  return input.trimStart().startsWith('//') ? input.trimStart().slice(1) : input;
}
