import {Lexer} from 'marked';
import {createMarkdownStyle} from './markdown-style.js';
import {renderBlocks} from './render-blocks.js';
import {stripTerminalControls} from '../../text/terminal-safe.js';

export interface MarkdownOptions {
  /**
   * Terminal columns: prose is wrapped to rows no wider, and tables are fitted to it (cells
   * wrapped, or stacked); code lines are left whole, to copy out as they are; rules are sized
   * by it. Infinity: no wrapping.
   */
  width: number;
  /** Style with ANSI escape codes; when false the result contains none at all. */
  color: boolean;
  /**
   * Make link text (and a bare URL) clickable with OSC 8 hyperlinks, which only some terminals
   * understand: ask supportsHyperlinks (terminal-hyperlinks.ts). Only with `color`. Default false.
   */
  hyperlinks?: boolean;
}

/**
 * Renders model markdown for the terminal: a finished answer, or one completed block of an
 * answer still streaming, so a lone fragment (half a list, a fence not yet closed) must come
 * out sensibly. Returns the text to print, without a trailing newline. Never throws: if
 * rendering fails for any reason the source text is shown as it is.
 */
export function renderMarkdown(markdown: string, options: MarkdownOptions): string {
  const source = sanitize(markdown);
  try {
    const style = createMarkdownStyle(options.color, options.hyperlinks === true);
    const tokens = new Lexer({gfm: true, breaks: false}).lex(source);
    const lines = renderBlocks(tokens, {style, width: options.width});
    return lines
      .map((line) => line.text)
      .join('\n')
      .replace(/^\n+|\n+$/g, '');
  } catch {
    return source.replace(/^\n+|\n+$/g, '');
  }
}

/**
 * Controls go from the source here and again from every piece of text taken from a token (see
 * render-inline), because marked decodes numeric references itself: `&#27;` arrives as an ESC.
 */
function sanitize(markdown: string): string {
  return stripTerminalControls(markdown.replace(/\r\n?/g, '\n'));
}
