import type {Token, Tokens} from 'marked';
import {highlightCode} from './highlight-code.js';
import {joinBlocks, prefixLines, textLines, verbatimLines} from './markdown-lines.js';
import type {Line} from './markdown-lines.js';
import type {MarkdownStyle} from './markdown-style.js';
import {renderInline} from './render-inline.js';
import {renderList} from './render-list.js';
import {renderTable} from './render-table.js';
import {stripTerminalControls} from '../../text/terminal-safe.js';
import {wrapProse} from '../../text/wrap-rows.js';

export interface RenderContext {
  style: MarkdownStyle;
  /**
   * Columns this block may fill: prose is wrapped to it, and a container hands its children
   * what is left after its bar or marker, so wrapped rows hang under their text. Not finite or
   * below 1: prose is not wrapped.
   */
  width: number;
}

const RULE_MAX = 40;

/** Renders block tokens, one blank line between blocks unless `tight` (inside a tight list item). */
export function renderBlocks(tokens: readonly Token[], context: RenderContext, tight = false): Line[] {
  return joinBlocks(
    tokens.map((token) => renderBlock(token, context)),
    tight,
  );
}

function renderBlock(token: Token, context: RenderContext): Line[] {
  const {style} = context;
  switch (token.type) {
    case 'space':
    case 'def':
      // Reference definitions are consumed by the links that use them.
      return [];
    case 'heading':
      return proseLines(renderHeading(token as Tokens.Heading, style), context.width);
    case 'paragraph':
    case 'text':
      return proseLines(renderInline(token.tokens ?? [token], style), context.width);
    case 'code': {
      const code = token as Tokens.Code;
      const language = code.codeBlockStyle === 'indented' ? undefined : code.lang;
      return renderCode(stripTerminalControls(code.text), language, style);
    }
    case 'blockquote': {
      const inner = renderBlocks((token as Tokens.Blockquote).tokens, narrower(context, QUOTE_BAR_WIDTH));
      const styled = inner.map((line) => (line.verbatim ? line : {...line, text: style.quote(line.text)}));
      const bar = `${style.dim('│')} `;
      return prefixLines(styled, bar, bar);
    }
    case 'list':
      return renderList(token as Tokens.List, style, (items, tight, indent) => renderBlocks(items, narrower(context, indent), tight));
    case 'table':
      return renderTable(token as Tokens.Table, style, context.width).map((text) => ({text, verbatim: false}));
    case 'hr': {
      const {width} = context;
      const columns = Number.isFinite(width) && width >= 1 ? Math.min(Math.floor(width), RULE_MAX) : RULE_MAX;
      return textLines(style.dim('─'.repeat(columns)));
    }
    case 'html':
      return proseLines(stripTerminalControls((token as Tokens.HTML).text).replace(/\n+$/, ''), context.width);
    default:
      // An extension token or one marked adds later: show its source rather than drop it.
      return proseLines(stripTerminalControls(token.raw).replace(/\n+$/, ''), context.width);
  }
}

const QUOTE_BAR_WIDTH = 2;

/** Inside a deep container, rows narrower than this read worse than rows the terminal wraps. */
const MIN_WRAP_WIDTH = 10;

function narrower(context: RenderContext, indent: number): RenderContext {
  const {width} = context;
  return {...context, width: Number.isFinite(width) && width >= 1 ? Math.max(MIN_WRAP_WIDTH, width - indent) : width};
}

/**
 * Prose as rows no wider than `width`, wrapped here from per-word widths: ink then only sees
 * short lines, where its own wrap and measure (string-width over the whole text, quadratic in
 * its length on Node 20) would spend seconds on one long paragraph.
 */
function proseLines(text: string, width: number): Line[] {
  if (!Number.isFinite(width) || width < 1) return textLines(text);
  return textLines(text).flatMap((line) => wrapProse(line.text, width).map((row) => ({text: row, verbatim: false})));
}

/**
 * Code lines go out exactly as written, colour the only thing added, with no border or indent,
 * so that copying them from the terminal gives the code. A dim label above names the language
 * (`code` when the fence names none) so a block can be found when scrolling; without colour,
 * fence lines above and below stand in for the styling, language included.
 */
function renderCode(code: string, info: string | undefined, style: MarkdownStyle): Line[] {
  const language = stripTerminalControls(info ?? '').trim().split(/\s+/, 1)[0] ?? '';
  const lines = verbatimLines(highlightCode(code, info, style.chalk));
  if (!style.color) {
    // Longer than any backtick run in the code, so the fence still reads as the block's edge.
    const fence = '`'.repeat(Math.max(3, ...Array.from(code.matchAll(/`+/g), (match) => match[0].length + 1)));
    return [{text: `${fence}${language}`, verbatim: false}, ...lines, {text: fence, verbatim: false}];
  }
  return [{text: style.dim(language === '' ? 'code' : language), verbatim: false}, ...lines];
}

function renderHeading(heading: Tokens.Heading, style: MarkdownStyle): string {
  const inline = renderInline(heading.tokens, style);
  // Without colour the `#` markers are all that says this line is a heading, and which level.
  const text = style.color ? inline : `${'#'.repeat(heading.depth)} ${inline}`;
  if (heading.depth === 1) return style.heading1(text);
  if (heading.depth === 2) return style.heading2(text);
  return style.heading(text);
}
