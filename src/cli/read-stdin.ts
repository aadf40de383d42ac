import {UsageError} from '../errors.js';

/** The most piped input `ask` and `chat` take: beyond this a prompt is almost surely a mistake. */
export const MAX_STDIN_BYTES = 8 * 1024 * 1024;

/**
 * Reads all of stdin as UTF-8 text. Binary or non-UTF-8 input is refused (an image belongs in
 * --image), and so is input over the limit; both are usage errors, so nothing is sent.
 */
export async function readStdinText(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_STDIN_BYTES) {
      throw new UsageError(`stdin is larger than ${MAX_STDIN_BYTES / 1048576} MiB; allowed: at most ${MAX_STDIN_BYTES / 1048576} MiB of text`);
    }
    chunks.push(buffer);
  }
  const bytes = Buffer.concat(chunks);
  let text: string;
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    throw new UsageError('stdin is not UTF-8 text; allowed: text (send images with --image <path>)');
  }
  if (text.includes('\u0000')) throw new UsageError('stdin looks binary; allowed: text (send images with --image <path>)');
  return text;
}
