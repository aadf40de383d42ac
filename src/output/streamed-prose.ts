import {textWidth} from '../text/text-width.js';
import {wrapProse} from '../text/wrap-rows.js';

/**
 * Word wrap for prose that arrives in pieces (the reasoning `--show-thinking` streams to a
 * terminal): each word is written once it is complete, on the row it fits, as wrapProse would lay
 * out the whole text, so no word is split at the edge by the terminal. A run of spaces at a break
 * is dropped; indentation at the start of a line is kept; a word wider than a row is broken
 * between graphemes (wrapProse). Only the unfinished last word is held back, so the cost of a
 * piece is its own length.
 */
export class StreamedProse {
  /** The unfinished last word: no space or newline after it yet. */
  private word = '';
  private column = 0;
  private spaces = 0;
  private lineStart = true;

  /** `columns`: the terminal's width now, read at every word (it may be resized). */
  constructor(private readonly columns: () => number) {}

  /** What to write for `text`: the words it completes, wrapped. */
  push(text: string): string {
    let out = '';
    let start = 0;
    for (let index = 0; index < text.length; index++) {
      const char = text[index];
      if (char !== ' ' && char !== '\n') continue;
      out += this.place(this.word + text.slice(start, index));
      this.word = '';
      start = index + 1;
      if (char === ' ') {
        this.spaces += 1;
      } else {
        out += '\n';
        this.column = 0;
        this.spaces = 0;
        this.lineStart = true;
      }
    }
    this.word += text.slice(start);
    return out;
  }

  /** The held-back last word, placed: the text has ended. */
  end(): string {
    const out = this.place(this.word);
    this.word = '';
    return out;
  }

  private place(word: string): string {
    if (word === '') return '';
    const width = Math.max(1, Math.floor(this.columns()));
    const cells = textWidth(word);
    let out: string;
    if (this.lineStart || this.column + this.spaces + cells <= width) {
      out = ' '.repeat(this.spaces);
      this.column += this.spaces;
    } else {
      out = '\n';
      this.column = 0;
    }
    this.spaces = 0;
    this.lineStart = false;
    if (this.column + cells <= width) {
      this.column += cells;
      return out + word;
    }
    if (this.column > 0) {
      out += '\n';
      this.column = 0;
    }
    const rows = wrapProse(word, width);
    this.column = textWidth(rows.at(-1) ?? '');
    return out + rows.join('\n');
  }
}
