import type {Token, Tokens} from 'marked';
import type {MarkdownStyle} from './markdown-style.js';
import {joinBlocks, prefixLines} from './markdown-lines.js';
import type {Line} from './markdown-lines.js';
import {renderCheckbox} from './render-inline.js';
import {textWidth} from '../../text/text-width.js';

/** Renders an item's blocks; `indent` is the columns its marker (and checkbox) take from the width. */
export type RenderChildren = (tokens: readonly Token[], tight: boolean, indent: number) => Line[];

/**
 * Bullets become `•`, ordered items keep their numbers (right-aligned so the text lines up),
 * task items show `[ ]` / `[x]`. An item's continuation lines and nested lists hang under its
 * text, which for a bullet is two spaces in.
 */
export function renderList(list: Tokens.List, style: MarkdownStyle, renderChildren: RenderChildren): Line[] {
  const start = typeof list.start === 'number' ? list.start : 1;
  const markers = list.items.map((_, index) => (list.ordered ? `${start + index}.` : '•'));
  const markerWidth = Math.max(...markers.map((marker) => textWidth(marker)));
  const items = list.items.map((item, index) => {
    const marker = markers[index] ?? '•';
    const padded = ' '.repeat(markerWidth - textWidth(marker)) + marker;
    return renderItem(item, `${style.bullet(padded)} `, ' '.repeat(markerWidth + 1), style, renderChildren);
  });
  return joinBlocks(items, !list.loose);
}

/** `[ ] `, put before the first line of a task item. */
const CHECKBOX_WIDTH = 4;

function renderItem(
  item: Tokens.ListItem,
  first: string,
  rest: string,
  style: MarkdownStyle,
  renderChildren: RenderChildren,
): Line[] {
  // In a tight item marked puts the checkbox beside the text rather than inside it.
  const [head, ...tail] = item.tokens;
  const hasBlockCheckbox = head?.type === 'checkbox';
  const body = renderChildren(hasBlockCheckbox ? tail : item.tokens, !item.loose, rest.length + (hasBlockCheckbox ? CHECKBOX_WIDTH : 0));
  if (hasBlockCheckbox) {
    const checkbox = renderCheckbox((head as Tokens.Checkbox).checked, style);
    const [firstLine] = body;
    if (firstLine && !firstLine.verbatim) body[0] = {text: checkbox + firstLine.text, verbatim: false};
    else body.unshift({text: checkbox.trimEnd(), verbatim: false});
  }
  return prefixLines(body, first, rest);
}
