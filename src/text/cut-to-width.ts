import {textWidth} from './text-width.js';

const segmenter = new Intl.Segmenter();

/**
 * The text cut to at most `width` columns, ending in `…` when it was cut; never inside a
 * grapheme (an emoji, a flag, a letter with its marks). For text without escape sequences.
 */
export function cutToWidth(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  if (width < 1) return '';
  let kept = '';
  let used = 0;
  for (const {segment} of segmenter.segment(text)) {
    const cells = textWidth(segment);
    if (used + cells > width - 1) break;
    kept += segment;
    used += cells;
  }
  return `${kept.trimEnd()}…`;
}
