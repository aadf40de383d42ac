import {MAX_STDIN_BYTES} from './read-stdin.js';

export type StdinLine = {ok: true; text: string} | {ok: false; number: number; problem: string};

const NEWLINE = 0x0a;

/**
 * The lines of a byte stream, each checked as text the way piped stdin is for `ask`: UTF-8, no
 * NUL, at most MAX_STDIN_BYTES. readline would turn bad bytes into U+FFFD and send them as a turn;
 * here a bad line comes back as a problem, with its number, and its bytes are not kept. A CR
 * before the LF is dropped; a last line without LF counts.
 */
export async function* stdinLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<StdinLine> {
  const decoder = new TextDecoder('utf-8', {fatal: true});
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let number = 0;

  const refused = (): StdinLine => ({ok: false, number, problem: `is longer than ${MAX_STDIN_BYTES / 1048576} MiB; allowed: at most ${MAX_STDIN_BYTES / 1048576} MiB of text`});
  /** The line that ends with `last`; undefined for the end of a line already refused. */
  const finish = (last: Buffer): StdinLine | undefined => {
    const wasRefused = tooLong;
    const wasTooLong = pendingBytes + last.length > MAX_STDIN_BYTES;
    const bytes = wasRefused || wasTooLong ? Buffer.alloc(0) : Buffer.concat([...pending, last]);
    pending = [];
    pendingBytes = 0;
    tooLong = false;
    if (wasRefused) return undefined;
    number += 1;
    if (wasTooLong) return refused();
    const line = bytes.at(-1) === 0x0d ? bytes.subarray(0, -1) : bytes;
    let text: string;
    try {
      text = decoder.decode(line);
    } catch {
      return {ok: false, number, problem: 'is not UTF-8 text; allowed: text (send images with --image <path>)'};
    }
    if (text.includes('\u0000')) return {ok: false, number, problem: 'looks binary; allowed: text (send images with --image <path>)'};
    return {ok: true, text};
  };

  for await (const chunk of input) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE)) {
      const line = finish(bytes.subarray(0, end));
      if (line) yield line;
      bytes = bytes.subarray(end + 1);
    }
    if (bytes.length === 0) continue;
    pendingBytes += bytes.length;
    if (tooLong) continue;
    if (pendingBytes > MAX_STDIN_BYTES) {
      // Refused now, not when its end comes (from /dev/zero it never does); the rest of it is
      // counted, not kept, until its end.
      tooLong = true;
      pending = [];
      number += 1;
      yield refused();
    } else {
      pending.push(Buffer.from(bytes));
    }
  }
  if (pendingBytes > 0 || tooLong) {
    const line = finish(Buffer.alloc(0));
    if (line) yield line;
  }
}
