import {writeAll, type TextSink} from './terminal.js';

/** Back to the first column and erase the line: where a status line is drawn, and how it goes. */
const RETURN_ERASE = '\r\u001b[K';
/**
 * Autowrap off while the line is drawn: should the line still be wider than the terminal (it
 * was resized since it was measured), it stays on its row, so the next redraw covers all of it.
 */
const NO_WRAP = '\u001b[?7l';
const WRAP = '\u001b[?7h';

/**
 * One line on a terminal's stderr redrawn in place (the wait for the first token, a retry's
 * countdown) and erased before anything else is written there or on stdout, so it never
 * mixes with the answer or lands in a file.
 */
export class StatusLine {
  private timer: ReturnType<typeof setInterval> | undefined;
  private drawn = false;
  private cells: (text: string) => number = (text) => [...text].reduce((sum, char) => sum + atMostCells(char), 0);

  /** `columns`: the terminal's width now, read at every redraw (it may be resized). */
  constructor(
    private readonly stream: TextSink,
    private readonly columns: () => number,
  ) {}

  /**
   * Draws `text()` now and again every `everyMs` until cleared or shown anew, cut to the width:
   * with autowrap off, text past the edge would overwrite the last cell again and again.
   */
  show(text: () => string, everyMs: number): void {
    clearInterval(this.timer);
    const draw = (): void => {
      this.stream.write(`${NO_WRAP}${RETURN_ERASE}${cutToColumns(text(), this.columns(), this.cells)}${WRAP}`);
      this.drawn = true;
    };
    draw();
    this.timer = setInterval(draw, everyMs);
    // Nothing to wait for by itself: the request it reports on keeps the process alive.
    this.timer.unref();
  }

  /**
   * Measures by display width from now on (text-width, loaded lazily: its Intl.Segmenter costs
   * start-up ~14 ms); until then a character beyond ASCII counts as two cells.
   */
  measureWith(cells: (text: string) => number): void {
    this.cells = cells;
  }

  get active(): boolean {
    return this.timer !== undefined;
  }

  async clear(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.drawn) await writeAll(this.stream, RETURN_ERASE);
    this.drawn = false;
  }
}

/** SGR sequences, the only escapes a status line holds (the text in it is cleaned of the rest). */
const SGR = /(\u001b\[[0-9;]*m)/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Marks, joiners and selectors: no cell of their own. */
const ZERO_WIDTH = /^[\p{M}\u200b-\u200f\ufe00-\ufe0f]$/u;

/**
 * Cells of one code point when text-width is not loaded: at most what a terminal gives it (two
 * for anything beyond ASCII), so a line measured so is never wider than it seems.
 */
const atMostCells = (char: string): number => (PRINTABLE_ASCII.test(char) ? 1 : ZERO_WIDTH.test(char) ? 0 : 2);

/**
 * `text` in at most `columns` cells: cut with `…` between code points when it is wider, its
 * colours kept up to the cut and reset after it. `cells` measures what is not plain ASCII.
 */
function cutToColumns(text: string, columns: number, cells: (text: string) => number): string {
  const width = Math.max(1, Math.floor(columns));
  const visible = text.split(SGR).filter((run) => !SGR.test(run)).join('');
  if ((PRINTABLE_ASCII.test(visible) ? visible.length : cells(visible)) <= width) return text;
  let kept = '';
  let used = 0;
  for (const run of text.split(SGR)) {
    if (SGR.test(run)) {
      kept += run;
      continue;
    }
    for (const char of run) {
      const size = PRINTABLE_ASCII.test(char) ? 1 : cells(char);
      if (used + size > width - 1) return `${kept}\u2026\u001b[0m`;
      kept += char;
      used += size;
    }
  }
  return kept;
}
