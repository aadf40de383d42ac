/** `-x` prints the first fenced code block of an answer, `--extract-last` the last one. */
export type ExtractMode = 'first' | 'last';

/** What the extraction of one answer printed, or has left to print. */
export interface ExtractedEnd {
  /** The rest to write: the end of the block, or the whole answer when it holds no block. */
  text: string;
  /** The answer held a fenced code block (an empty one counts). */
  found: boolean;
}

interface OpenFence {
  char: '`' | '~';
  length: number;
  /** Columns of indentation before the opening fence: removed from each line of the content. */
  indent: number;
}

const OPENING = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const CLOSING = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

/**
 * A fenced code block, line by line, as CommonMark reads one: a line of three or more backticks
 * or tildes (an info string after it, which for backticks holds no backtick) opens it; a line of
 * the same character, at least as long, closes it, so a ```` fence holds ``` lines as content.
 * Any indentation is allowed (fences inside list items are indented), and as much of it is taken
 * off each content line as the opening fence had.
 */
class FenceScanner {
  private open: OpenFence | undefined;

  get inBlock(): boolean {
    return this.open !== undefined;
  }

  /** One line without its `\n`: `open`, `close`, the content line dedented, or `prose`. */
  line(line: string): {type: 'open' | 'close' | 'prose'} | {type: 'content'; text: string} {
    const bare = line.endsWith('\r') ? line.slice(0, -1) : line;
    const open = this.open;
    if (open) {
      const closing = CLOSING.exec(bare);
      if (closing?.[1] && closing[1][0] === open.char && closing[1].length >= open.length) {
        this.open = undefined;
        return {type: 'close'};
      }
      return {type: 'content', text: dedent(line, open.indent)};
    }
    const opening = OPENING.exec(bare);
    const fence = opening?.[2];
    if (!opening || !fence) return {type: 'prose'};
    const char = fence[0] === '`' ? '`' : '~';
    if (char === '`' && (opening[3] ?? '').includes('`')) return {type: 'prose'};
    this.open = {char, length: fence.length, indent: opening[1]?.length ?? 0};
    return {type: 'open'};
  }
}

/** Takes off up to `columns` leading spaces or tabs. */
function dedent(line: string, columns: number): string {
  let cut = 0;
  while (cut < columns && (line[cut] === ' ' || line[cut] === '\t')) cut++;
  return line.slice(cut);
}

/**
 * The contents of every fenced code block in `text`, each ending with one newline (an empty block
 * is ""). A fence still open at the end runs to the end of the text, as in CommonMark: an answer
 * cut by --max-tokens still gives its code.
 */
export function codeBlocks(text: string): string[] {
  const scanner = new FenceScanner();
  const blocks: string[] = [];
  let current: string[] | undefined;
  const lines = text.split('\n');
  // A text ending with a newline has no partial last line.
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) {
    const seen = scanner.line(line);
    if (seen.type === 'open') current = [];
    else if (seen.type === 'content') current?.push(seen.text);
    else if (seen.type === 'close' && current) {
      blocks.push(joined(current));
      current = undefined;
    }
  }
  if (current) blocks.push(joined(current));
  return blocks;
}

const joined = (lines: readonly string[]): string => lines.map((line) => `${line}\n`).join('');

/** The block `-x` or `--extract-last` takes from a whole answer; undefined when it holds none. */
export function extractCode(text: string, mode: ExtractMode): string | undefined {
  const blocks = codeBlocks(text);
  return mode === 'first' ? blocks[0] : blocks.at(-1);
}

/**
 * The extraction of an answer as it streams. With `first`, each line of the first block is
 * given back as soon as it is whole (the prose before it is held, then dropped; nothing after it
 * is kept); `last`, and an answer without any block, can only be known at the end. Memory stays
 * flat once the first block has opened.
 */
export class CodeExtractor {
  private readonly scanner = new FenceScanner();
  /** The answer so far, while it may still be printed whole (no block yet, or `last`). */
  private whole = '';
  private partial = '';
  private state: 'before' | 'inside' | 'after' = 'before';

  constructor(private readonly mode: ExtractMode) {}

  /** Text that can be written now. */
  push(text: string): string {
    if (this.mode === 'last') {
      this.whole += text;
      return '';
    }
    if (this.closed) return '';
    if (this.state === 'before') this.whole += text;
    let out = '';
    let from = 0;
    const all = this.partial + text;
    for (let newline = all.indexOf('\n'); newline !== -1 && !this.closed; newline = all.indexOf('\n', from)) {
      out += this.line(all.slice(from, newline));
      from = newline + 1;
    }
    this.partial = this.closed ? '' : all.slice(from);
    return out;
  }

  /** The first block has closed: the rest of the answer is not printed. A getter: `line` changes the state. */
  private get closed(): boolean {
    return this.state === 'after';
  }

  private line(line: string): string {
    const seen = this.scanner.line(line);
    switch (seen.type) {
      case 'open':
        this.state = 'inside';
        this.whole = '';
        return '';
      case 'close':
        this.state = 'after';
        return '';
      case 'content':
        return `${seen.text}\n`;
      case 'prose':
        return '';
    }
  }

  /** At the end of the answer: what is left to write, and whether it held a block. */
  end(): ExtractedEnd {
    if (this.mode === 'last') {
      const code = extractCode(this.whole, 'last');
      return code === undefined ? {text: this.whole, found: false} : {text: code, found: true};
    }
    if (this.state === 'before') {
      // The last line may be the opening fence itself, without a newline: an empty block.
      const found = this.partial !== '' && this.scanner.line(this.partial).type === 'open';
      return found ? {text: '', found} : {text: this.whole, found: false};
    }
    // A block still open at the end keeps its last line, given its newline.
    const rest = this.state === 'inside' && this.partial !== '' ? this.line(this.partial) : '';
    this.partial = '';
    return {text: rest, found: true};
  }
}

/** The stderr line for an answer without a code block (`tag`: `result 2: ` among several). */
export function noCodeWarning(tag = ''): string {
  return `gemma: ${tag}warning: no code block in the answer; printed it as it is`;
}
