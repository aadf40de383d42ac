import {formatSize} from '../context/source-limits.js';

/** The line CappedOutput puts where it cut: the scrollback keeps it in view when it shows only some rows. */
export const CUT_NOTE = /^\[… .+ of output cut here \(.+ in all; the first and last .+ are kept\) …\]$/;

/**
 * A command's output held in bounded memory while it runs: its first and last `limit / 2` bytes
 * and a count of the rest, so `yes` or a build log of gigabytes costs at most `limit`. The end is
 * kept as well as the start because that is where a build or a test run says what went wrong.
 */
export class CappedOutput {
  readonly #half: number;
  #head: Buffer[] = [];
  #headBytes = 0;
  #tail: Buffer[] = [];
  #tailBytes = 0;
  #total = 0;

  constructor(limit: number) {
    this.#half = Math.max(1, Math.floor(limit / 2));
  }

  /** Bytes the command wrote in all (kept or not). */
  get total(): number {
    return this.#total;
  }

  /** Whether some of the output was not kept. */
  get cut(): boolean {
    return this.#total > this.#headBytes + this.#tailBytes;
  }

  add(chunk: Buffer): void {
    this.#total += chunk.length;
    let rest = chunk;
    if (this.#headBytes < this.#half) {
      const taken = rest.subarray(0, this.#half - this.#headBytes);
      this.#head.push(taken);
      this.#headBytes += taken.length;
      rest = rest.subarray(taken.length);
    }
    if (rest.length === 0) return;
    this.#tail.push(rest);
    this.#tailBytes += rest.length;
    // Whole chunks fall off the front; the first one left is trimmed to the bound.
    while (this.#tailBytes - (this.#tail[0]?.length ?? 0) >= this.#half) this.#tailBytes -= this.#tail.shift()?.length ?? 0;
    const over = this.#tailBytes - this.#half;
    if (over > 0 && this.#tail[0]) {
      this.#tail[0] = this.#tail[0].subarray(over);
      this.#tailBytes -= over;
    }
  }

  /**
   * The output as text, a line saying what was cut where it was cut. Bytes that are not UTF-8
   * (a character split by the cut, a binary) become U+FFFD.
   */
  text(): string {
    const head = Buffer.concat(this.#head).toString('utf8');
    if (!this.cut) return head + Buffer.concat(this.#tail).toString('utf8');
    const dropped = this.#total - this.#headBytes - this.#tailBytes;
    const tail = Buffer.concat(this.#tail).toString('utf8');
    const note = `[… ${formatSize(dropped)} of output cut here (${formatSize(this.#total)} in all; the first and last ${formatSize(this.#half)} are kept) …]`;
    return `${head}${head.endsWith('\n') ? '' : '\n'}${note}\n${tail}`;
  }
}
