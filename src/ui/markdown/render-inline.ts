import {stripVTControlCharacters} from 'node:util';
import type {Token, Tokens} from 'marked';
import {decodeEntities} from './decode-entities.js';
import type {MarkdownStyle} from './markdown-style.js';
import {stripTerminalControls} from '../../text/terminal-safe.js';

/**
 * Renders inline tokens (the inside of a paragraph, heading, list item or table cell) to one
 * string. Markers are dropped and replaced by styling, so with colour off this is just the text.
 */
export function renderInline(tokens: readonly Token[] | undefined, style: MarkdownStyle): string {
  if (!tokens) return '';
  let out = '';
  for (const token of tokens) out += renderInlineToken(token, style);
  return out;
}

// A soft break is a space in markdown; the terminal does the wrapping.
const SOFT_BREAK = /[ \t]*\n[ \t]*/g;

function renderText(token: Tokens.Text, style: MarkdownStyle): string {
  if (token.tokens && token.tokens.length > 0) return renderInline(token.tokens, style);
  return stripTerminalControls(decodeEntities(token.text)).replace(SOFT_BREAK, ' ');
}

export function renderCheckbox(checked: boolean | undefined, style: MarkdownStyle): string {
  return `${style.bullet(checked ? '[x]' : '[ ]')} `;
}

function renderLink(token: Tokens.Link | Tokens.Image, style: MarkdownStyle): string {
  // Autolinks are literal; a written destination may carry references such as `&amp;`.
  const href = stripTerminalControls('autolink' in token && token.autolink ? token.href : decodeEntities(token.href));
  const label =
    token.type === 'image' ? stripTerminalControls(decodeEntities(token.text)) : renderInline(token.tokens, style);
  const labelText = stripVTControlCharacters(label).trim();
  // Where the terminal can, the text is also a hyperlink; the URL stays visible either way.
  if (labelText === '' || labelText === href) return style.hyperlink(href, style.url(href));
  // An email autolink reads as the address; the `mailto:` marked adds is noise in a terminal.
  if (`mailto:${labelText}` === href) return style.hyperlink(href, style.url(labelText));
  return `${style.hyperlink(href, style.link(label))} (${style.hyperlink(href, style.url(href))})`;
}

function renderInlineToken(token: Token, style: MarkdownStyle): string {
  switch (token.type) {
    case 'text':
      return renderText(token as Tokens.Text, style);
    case 'escape':
      return stripTerminalControls((token as Tokens.Escape).text);
    case 'strong':
      return style.strong(renderInline((token as Tokens.Strong).tokens, style));
    case 'em':
      return style.em(renderInline((token as Tokens.Em).tokens, style));
    case 'del':
      return style.del(renderInline((token as Tokens.Del).tokens, style));
    case 'codespan':
      return style.codespan(stripTerminalControls((token as Tokens.Codespan).text));
    case 'br':
      return '\n';
    case 'link':
    case 'image':
      return renderLink(token as Tokens.Link | Tokens.Image, style);
    case 'checkbox':
      return renderCheckbox((token as Tokens.Checkbox).checked, style);
    case 'html':
      return stripTerminalControls((token as Tokens.Tag).text);
    default:
      // An extension token or one marked adds later: show its text rather than drop it.
      if ('tokens' in token && Array.isArray(token.tokens)) return renderInline(token.tokens, style);
      return stripTerminalControls('text' in token && typeof token.text === 'string' ? token.text : token.raw);
  }
}
