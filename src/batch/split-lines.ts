import type {Readable} from 'node:stream';

/**
 * A line longer than this is refused, not read: a prompt over the model's context window
 * (131,072 tokens, well under 1 MB of text) fails anyway, and a line of gigabytes would
 * otherwise be gathered whole into one string until V8 gives up with a stack trace.
 */
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const MAX_LINE_LABEL = '16 MB';

/** One line of bytes split off a stream: its text, or why it has none. */
export type SplitLine = {text: string} | {problem: string};

const NEWLINE = 0x0a;

/**
 * Splits a byte stream on LF (safe in UTF-8: no multi-byte sequence holds the byte 0x0A) and
 * decodes each line on its own, strictly: a file that is not UTF-8 text (a binary file given by
 * mistake) is named as such per line instead of going out as U+FFFD-riddled prompts. A line
 * over MAX_LINE_BYTES is skipped to its end without being kept. A trailing CR is dropped.
 */
export async function* splitLines(stream: Readable): AsyncGenerator<SplitLine> {
  const decoder = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  const finish = (): SplitLine => {
    const line = tooLong ? undefined : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    const wasTooLong = tooLong;
    tooLong = false;
    if (wasTooLong || line === undefined) return {problem: `longer than ${MAX_LINE_LABEL}; allowed: lines of at most ${MAX_LINE_LABEL} (put long text in a file and name it in "files")`};
    return decode(decoder, line);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      add(chunk.subarray(start, end));
      yield finish();
      start = end + 1;
    }
    add(chunk.subarray(start));
  }
  if (size > 0 || tooLong) yield finish();

  function add(piece: Buffer): void {
    if (tooLong || piece.length === 0) return;
    if (size + piece.length > MAX_LINE_BYTES) {
      tooLong = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(piece);
    size += piece.length;
  }
}

function decode(decoder: TextDecoder, bytes: Buffer): SplitLine {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return {problem: 'not UTF-8 text (is it a binary file?); allowed: UTF-8 text, one JSON object or one prompt a line'};
  }
  if (text.includes('\u0000')) return {problem: 'holds a NUL byte (is it a binary file?); allowed: UTF-8 text, one JSON object or one prompt a line'};
  return {text: text.endsWith('\r') ? text.slice(0, -1) : text};
}
