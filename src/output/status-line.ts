import {writeAll, type TextSink} from './terminal.js';

/** Back to the first column and erase the line: where a status line is drawn, and how it goes. */
const RETURN_ERASE = '\r\u001b[K';
/**
 * Autowrap off while the line is drawn: a line wider than the terminal (a long retry reason at 40
 * columns) is cut at the edge instead of wrapping, so the next redraw still covers all of it.
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

  constructor(private readonly stream: TextSink) {}

  /** Draws `text()` now and again every `everyMs` until cleared or shown anew. */
  show(text: () => string, everyMs: number): void {
    clearInterval(this.timer);
    const draw = (): void => {
      this.stream.write(`${NO_WRAP}${RETURN_ERASE}${text()}${WRAP}`);
      this.drawn = true;
    };
    draw();
    this.timer = setInterval(draw, everyMs);
    // Nothing to wait for by itself: the request it reports on keeps the process alive.
    this.timer.unref();
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
