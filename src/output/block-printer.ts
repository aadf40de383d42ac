import {splitCompletedBlocks} from '../chat/split-blocks.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {rowsUp} from './screen-rows.js';
import {writeAll, type TextSink} from './terminal.js';

/** Where one result's answer goes when it is rendered: text as it arrives, then the end. */
export interface AnswerBlocks {
  write(text: string): Promise<void>;
  /** Prints what is left (the open block, rendered) and ends on a new line. */
  finish(): Promise<void>;
}

export interface BlockPrinterOptions {
  /** One complete markdown block as it is shown, without a trailing newline ('' for nothing). */
  render: (block: string) => string;
  /**
   * A terminal the printer may move the cursor on: the open block streams as plain text and is
   * erased and printed again rendered once it completes. Without one (a pipe), each block is
   * printed once, rendered, when it completes.
   */
  terminal?: {columns: () => number; rows: () => number};
}

/**
 * Erases the row the cursor is on and the `rows` above it, leaving the cursor at the first column
 * of the top one. Row by row rather than erase-below: tmux takes an erase-below from the top-left
 * corner for a clear screen and keeps a copy of the rows in its scrollback.
 */
const eraseRows = (rows: number): string => `\r\u001b[2K${'\u001b[A\u001b[2K'.repeat(rows)}`;

/**
 * Prints a streaming markdown answer block by block (a block ends at a blank line outside a code
 * fence: src/chat/split-blocks.ts). Blocks are one blank line apart, as in the chat. On a
 * terminal, the block being written is shown as it arrives, cleaned of controls like any answer on
 * a terminal; when it completes, its rows are erased (cursor-up, counted at the terminal's width
 * now, then erase-line on each) and it is printed rendered. A block taller than the screen cannot be
 * erased (its first rows have scrolled out of reach), so it stays as it streamed.
 */
export class BlockPrinter implements AnswerBlocks {
  /** The text from the start of the open block on; what came before is printed for good. */
  private source = '';
  /** How much of `source` is on the screen as plain text (terminal only). */
  private streamed = 0;
  /** A block was printed, so the next one starts with a blank line. */
  private gapOwed = false;
  /** The cursor moves that erase the streamed block, written with the block that replaces it. */
  private pendingErase = '';

  constructor(
    private readonly sink: TextSink,
    private readonly options: BlockPrinterOptions,
  ) {}

  async write(text: string): Promise<void> {
    this.source += text;
    // A block ends at a newline: a piece without one completes nothing, and the open block is not
    // scanned again for it (most tokens), so a long paragraph costs no more than streaming it raw.
    const {blocks, tailStart} = text.includes('\n') ? splitCompletedBlocks(this.source) : {blocks: [], tailStart: 0};
    if (blocks.length > 0) {
      if (this.eraseStreamed()) {
        for (const block of blocks) await this.printRendered(block);
      } else {
        // Too tall to erase: the blocks stay as they streamed, their blank line included.
        await writeAll(this.sink, terminalSafe(this.source.slice(this.streamed, tailStart)));
        this.gapOwed = false;
      }
      this.source = this.source.slice(tailStart);
      this.streamed = 0;
    }
    await this.streamOpenBlock();
  }

  async finish(): Promise<void> {
    const open = this.source;
    const erased = this.eraseStreamed();
    if (erased) await this.printRendered(open);
    else if (!open.endsWith('\n')) await writeAll(this.sink, '\n');
    this.source = '';
    this.streamed = 0;
  }

  /** On a terminal, the open block as plain text so far; held back while it is only blank. */
  private async streamOpenBlock(): Promise<void> {
    if (!this.options.terminal) return;
    const fresh = this.source.slice(this.streamed);
    if (fresh === '') return;
    if (this.streamed === 0) {
      if (this.source.trim() === '') return;
      await this.writeGap();
    }
    await writeAll(this.sink, terminalSafe(fresh));
    this.streamed = this.source.length;
  }

  /**
   * Readies the erase of the open block's streamed rows (written in one piece with what replaces
   * it, so the screen never shows the gap); false when they cannot all be reached.
   */
  private eraseStreamed(): boolean {
    const terminal = this.options.terminal;
    if (!terminal || this.streamed === 0) return true;
    const up = rowsUp(terminalSafe(this.source.slice(0, this.streamed)), terminal.columns());
    if (up >= terminal.rows()) return false;
    this.pendingErase = eraseRows(up);
    return true;
  }

  private async printRendered(block: string): Promise<void> {
    const rendered = this.options.render(block);
    const erase = this.pendingErase;
    this.pendingErase = '';
    if (rendered === '') {
      if (erase) await writeAll(this.sink, erase);
      return;
    }
    const gap = this.gapOwed ? '\n' : '';
    this.gapOwed = true;
    await writeAll(this.sink, `${erase}${gap}${rendered}\n`);
  }

  private async writeGap(): Promise<void> {
    if (!this.gapOwed) return;
    this.gapOwed = false;
    await writeAll(this.sink, '\n');
  }
}
