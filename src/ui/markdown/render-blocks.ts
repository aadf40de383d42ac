import type {Token, Tokens} from 'marked';
import {highlightCode} from './highlight-code.js';
import {joinBlocks, prefixLines, textLines, verbatimLines} from './markdown-lines.js';
import type {Line} from './markdown-lines.js';
import type {MarkdownStyle} from './markdown-style.js';
import {renderInline} from './render-inline.js';
import {renderList} from './render-list.js';
import {renderTable} from './render-table.js';
import {stripTerminalControls} from '../../text/terminal-safe.js';

export interface RenderContext {
  style: MarkdownStyle;
  /** Terminal columns; only the horizontal rule uses it, text is wrapped by the terminal. */
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
      return textLines(renderHeading(token as Tokens.Heading, style));
    case 'paragraph':
    case 'text':
      return textLines(renderInline(token.tokens ?? [token], style));
    case 'code': {
      const code = token as Tokens.Code;
      // Code lines go out exactly as written; colour is the only thing added.
      const language = code.codeBlockStyle === 'indented' ? undefined : code.lang;
      return verbatimLines(highlightCode(stripTerminalControls(code.text), language, style.chalk));
    }
    case 'blockquote': {
      const inner = renderBlocks((token as Tokens.Blockquote).tokens, context);
      const styled = inner.map((line) => (line.verbatim ? line : {...line, text: style.quote(line.text)}));
      const bar = `${style.dim('│')} `;
      return prefixLines(styled, bar, bar);
    }
    case 'list':
      return renderList(token as Tokens.List, style, (items, tight) => renderBlocks(items, context, tight));
    case 'table':
      return textLines(renderTable(token as Tokens.Table, style));
    case 'hr': {
      const {width} = context;
      const columns = Number.isFinite(width) && width >= 1 ? Math.min(Math.floor(width), RULE_MAX) : RULE_MAX;
      return textLines(style.dim('─'.repeat(columns)));
    }
    case 'html':
      return textLines(stripTerminalControls((token as Tokens.HTML).text).replace(/\n+$/, ''));
    default:
      // An extension token or one marked adds later: show its source rather than drop it.
      return textLines(stripTerminalControls(token.raw).replace(/\n+$/, ''));
  }
}

function renderHeading(heading: Tokens.Heading, style: MarkdownStyle): string {
  const text = renderInline(heading.tokens, style);
  if (heading.depth === 1) return style.heading1(text);
  if (heading.depth === 2) return style.heading2(text);
  return style.heading(text);
}
