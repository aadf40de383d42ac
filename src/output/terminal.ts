export interface TextSink {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  isTTY?: boolean;
  /** A terminal's width (0 or absent when it reports none). */
  columns?: number;
}

/** The two styles notes on stderr use; plain text when colour is off. */
export interface NoteStyle {
  readonly enabled: boolean;
  dim(text: string): string;
  yellow(text: string): string;
}

const plain = (text: string): string => text;

/**
 * Colour only on a terminal, and never when NO_COLOR is set or TERM is dumb. Two SGR codes
 * rather than chalk: the CLI needs no more, and loading chalk cost every `gemma ask` ~1.5 ms
 * (chalk stays for the chat UI's markdown).
 */
export function colorFor(stream: TextSink, env: Record<string, string | undefined>): NoteStyle {
  const enabled = stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
  if (!enabled) return {enabled, dim: plain, yellow: plain};
  return {enabled, dim: (text) => `\u001b[2m${text}\u001b[22m`, yellow: (text) => `\u001b[33m${text}\u001b[39m`};
}

/** Writes and waits for the stream to drain when its buffer is full, so memory stays flat. */
export async function writeAll(stream: TextSink, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}
