import {textWidth} from './text-width.js';

/**
 * The visible end of a text that grows at its end, such as a streaming answer whose last
 * paragraph is one line of 100 KB: rendering (markdown, wrapping) the whole line on every frame
 * makes each frame cost its length and the whole stream quadratic. `trim` cuts the last line
 * at the start of a row, found by a word wrap at `columns` that resumes where the last call
 * stopped (the rows before the last one never change as text is appended), so each call costs
 * the new text only. The cut is at a row start of the line's own wrap, so plain prose wraps
 * after it exactly as it would whole: nothing moves on screen as the cut advances. It advances
 * a quarter of `keepRows` at a time, so at least `keepRows` (at most 1.25 times that) are left.
 */
export class GrowingLineTail {
  #line = '';
  #columns = 0;
  /** Offsets in #line where a row starts with a word, ascending; the last is the open row. */
  #starts: number[] = [0];
  #used = 0;
  /** Where the next word to place starts: the last scan stopped before an unfinished word. */
  #scanned = 0;

  trim(text: string, keepRows: number, columns: number): string {
    const lineStart = text.lastIndexOf('\n') + 1;
    const line = lineStart === 0 ? text : text.slice(lineStart);
    const width = Math.max(1, Math.floor(columns));
    const keep = Math.max(1, Math.floor(keepRows));
    // Short enough to wrap whole: rendering it costs no more than the screen.
    if (line.length <= 4 * keep * width) return text;
    // A list or quote marker stays: the rest renders indented, as the whole line would.
    const marker = MARKER.exec(line)?.[0] ?? '';
    const body = marker === '' ? line : line.slice(marker.length);
    const rows = this.#rowStarts(body, Math.max(1, width - textWidth(marker)));
    // Cut a few rows at a time: each cut is a row start, so plain prose does not move, and
    // text with markup (whose rows are not quite the source's) is re-cut only now and then.
    const step = Math.max(1, Math.ceil(keep / 4));
    const anchor = Math.floor((rows.length - 1 - keep) / step) * step;
    if (anchor <= 0) return text;
    return text.slice(0, lineStart) + marker + body.slice(rows[anchor] ?? 0);
  }

  #rowStarts(line: string, columns: number): number[] {
    if (columns !== this.#columns || !line.startsWith(this.#line)) this.#reset(columns);
    this.#line = line;
    // The scan stopped before the last word, which may have grown since.
    let position = this.#scanned;
    while (position < line.length) {
      let end = line.indexOf(' ', position);
      if (end === -1) end = line.length;
      // An unfinished last word: stop before it; the next call measures it whole.
      if (end === line.length) break;
      this.#place(position, textWidth(line.slice(position, end)));
      position = end + 1;
    }
    this.#scanned = position;
    return this.#starts;
  }

  #place(position: number, cells: number): void {
    if (position === 0) {
      this.#used = cells;
    } else if (this.#used + 1 + cells <= this.#columns) {
      this.#used += 1 + cells;
    } else {
      this.#starts.push(position);
      this.#used = cells;
    }
    // A word wider than a row is broken: the rows it fills have no word start to cut at.
    if (this.#used > this.#columns) this.#used = this.#used % this.#columns || this.#columns;
  }

  #reset(columns: number): void {
    this.#columns = columns;
    this.#starts = [0];
    this.#used = 0;
    this.#scanned = 0;
  }
}

/** A list item or block quote marker at the start of a markdown line, with its indentation. */
const MARKER = /^ {0,12}(?:[-*+]|\d{1,9}[.)]|>)(?: |$)/;
