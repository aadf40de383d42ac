import {Box, Text} from 'ink';
import {createContext, useContext, useMemo} from 'react';
import {terminalSafe} from '../text/terminal-safe.js';
import {textWidth} from '../text/text-width.js';
import {wrapText} from '../text/wrap-rows.js';
import {renderMarkdown} from './markdown/render-markdown.js';

interface Props {
  markdown: string;
  width: number;
  color: boolean;
  /** Shown as its text (terminal-safe, wrapped), not rendered: render never. */
  raw?: boolean;
}

const FENCE = /^\s{0,3}(```|~~~)/m;

/**
 * Whether this terminal shows OSC 8 hyperlinks (supportsHyperlinks, decided once by the CLI): a
 * property of the terminal rather than of any one item, so it is provided once for the whole
 * chat instead of being passed through every component between the app and its answers.
 */
export const TerminalHyperlinks = createContext(false);

/**
 * A rendered markdown block for the scrollback, with no padding: code lines must copy out of
 * the terminal as code. A block holding a code fence is also left unwrapped (its box is as wide
 * as its widest line), so a long code line is soft-wrapped by the terminal and copies as one
 * line; ink would break it with real newlines. Prose comes wrapped to `width` by the renderer,
 * so ink measures short rows only (its string-width on a whole long paragraph is quadratic).
 */
export function MarkdownText({markdown, width, color, raw = false}: Props) {
  const hyperlinks = useContext(TerminalHyperlinks);
  const rendered = useMemo(
    () => (raw ? rawText(markdown, width) : renderMarkdown(markdown, {width, color, hyperlinks})),
    [markdown, width, color, hyperlinks, raw],
  );
  const boxWidth = useMemo(() => {
    if (!FENCE.test(markdown)) return undefined;
    return rendered.split('\n').reduce((widest, line) => Math.max(widest, textWidth(line)), width);
  }, [markdown, rendered, width]);
  if (rendered === '') return null;
  // Prose gets an explicit width too: a wide code block widens the whole <Static> container, and
  // text laid out at one width but measured at another leaves blank rows.
  return (
    <Box width={boxWidth ?? width} flexShrink={0}>
      <Text>{rendered}</Text>
    </Box>
  );
}

/**
 * An answer's text as it came, for `render never`: cleaned of terminal controls and wrapped at
 * the width (ink would break it mid-word), without the blank lines that end a block (the
 * transcript puts one between blocks).
 */
export function rawText(text: string, width: number): string {
  return wrapText(terminalSafe(text.replace(/\n+$/, '')), width);
}
