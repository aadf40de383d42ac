import {fstatSync, readSync} from 'node:fs';
import {isatty} from 'node:tty';
import {UsageError} from '../errors.js';

/** The most piped input `ask` and `chat` take: beyond this a prompt is almost surely a mistake. */
export const MAX_STDIN_BYTES = 8 * 1024 * 1024;

const tooLarge = (): UsageError =>
  new UsageError(`stdin is larger than ${MAX_STDIN_BYTES / 1048576} MiB; allowed: at most ${MAX_STDIN_BYTES / 1048576} MiB of text`);

/** True when stdin is a terminal (asked of the descriptor: creating process.stdin costs ~2 ms). */
export function stdinIsTerminal(): boolean {
  return isatty(0);
}

/**
 * Reads all of stdin as UTF-8 text. Binary or non-UTF-8 input is refused (an image belongs in
 * --image), and so is input over the limit; both are usage errors, so nothing is sent.
 */
export async function readStdinText(stdin?: NodeJS.ReadableStream): Promise<string> {
  return decodeText(stdin ? await readStream(stdin) : await readStdinBytes());
}

/**
 * A file or /dev/null (cron, CI, `< notes.md`) is read in one call; a pipe or a terminal is
 * streamed through process.stdin, which is only created then.
 */
async function readStdinBytes(): Promise<Buffer> {
  let stat;
  try {
    stat = fstatSync(0);
  } catch {
    return Buffer.alloc(0); // stdin closed
  }
  if (stat.isFile() || (stat.isCharacterDevice() && !isatty(0))) {
    if (stat.size > MAX_STDIN_BYTES) throw tooLarge();
    return readBounded();
  }
  return readStream(process.stdin);
}

/**
 * Reads descriptor 0 up to one byte past the limit. A character device reports size 0 however
 * much it holds (`< /dev/zero` never ends), so the size check above cannot stand alone.
 */
function readBounded(): Buffer {
  // Unsafe: untouched pages of the buffer cost nothing, and only the bytes read are exposed.
  const buffer = Buffer.allocUnsafe(MAX_STDIN_BYTES + 1);
  let size = 0;
  while (size < buffer.length) {
    let read: number;
    try {
      read = readSync(0, buffer, size, buffer.length - size, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    size += read;
  }
  if (size > MAX_STDIN_BYTES) throw tooLarge();
  return buffer.subarray(0, size);
}

async function readStream(stdin: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_STDIN_BYTES) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function decodeText(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    throw new UsageError('stdin is not UTF-8 text; allowed: text (send images with --image <path>)');
  }
  if (text.includes('\u0000')) throw new UsageError('stdin looks binary; allowed: text (send images with --image <path>)');
  return text;
}
