import {renderMarkdown} from '../ui/markdown/render-markdown.js';
import {BlockPrinter, type AnswerBlocks, type BlockPrinterOptions} from './block-printer.js';
import type {TextSink} from './terminal.js';

export interface MarkdownAnswerOptions {
  /** Columns to render at, read as each block is rendered (a terminal may be resized). */
  columns: () => number;
  color: boolean;
  /** Links are OSC 8 hyperlinks too (the caller asked supportsHyperlinks). */
  hyperlinks: boolean;
  /** A terminal to stream the open block on and erase it from; absent for a pipe. */
  terminal?: BlockPrinterOptions['terminal'];
}

/**
 * `gemma ask`'s rendered answer. Its own bundle (dist/ui/markdown-answer.cjs), loaded through
 * src/lazy-imports.ts only when an answer is rendered: an answer to a pipe never loads marked,
 * highlight.js or chalk.
 */
export function openMarkdownAnswer(sink: TextSink, options: MarkdownAnswerOptions): AnswerBlocks {
  return new BlockPrinter(sink, {
    render: (block) => renderMarkdown(block, {width: options.columns(), color: options.color, hyperlinks: options.hyperlinks}),
    ...(options.terminal ? {terminal: options.terminal} : {}),
  });
}

/** The widths and the word wrap `ask` needs outside markdown, loaded with it, never at start-up. */
export {StreamedProse} from './streamed-prose.js';
export {textWidth} from '../text/text-width.js';
