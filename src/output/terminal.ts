import {Chalk, type ChalkInstance} from 'chalk';

export interface TextSink {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  isTTY?: boolean;
}

/** Colour only on a terminal, and never when NO_COLOR is set or TERM is dumb. */
export function colorFor(stream: TextSink, env: Record<string, string | undefined>): ChalkInstance {
  const enabled = stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
  return new Chalk({level: enabled ? 1 : 0});
}

/** Writes and waits for the stream to drain when its buffer is full, so memory stays flat. */
export async function writeAll(stream: TextSink, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}
