import {Chalk} from 'chalk';
import type {ChalkInstance} from 'chalk';
import {osc8Hyperlink} from './terminal-hyperlinks.js';

/**
 * The palette every markdown element is drawn with. In plain mode (NO_COLOR, not a terminal)
 * no escape code can slip through, and what colour would have shown is kept as markdown's own
 * markers where losing it changes the meaning: inline code keeps its backticks and
 * strikethrough its `~~` (struck text shown plain reads as the opposite). Emphasis goes plain.
 * `color` is the one switch: every element (headings, code fences) asks it, nothing else.
 */
export interface MarkdownStyle {
  color: boolean;
  chalk: ChalkInstance;
  heading1: (text: string) => string;
  heading2: (text: string) => string;
  heading: (text: string) => string;
  strong: (text: string) => string;
  em: (text: string) => string;
  del: (text: string) => string;
  codespan: (text: string) => string;
  link: (text: string) => string;
  url: (text: string) => string;
  dim: (text: string) => string;
  quote: (text: string) => string;
  bullet: (text: string) => string;
  tableHeader: (text: string) => string;
  /** `text` as a hyperlink to `url` (OSC 8), or `text` alone where hyperlinks are off. */
  hyperlink: (url: string, text: string) => string;
}

const plainText = (text: string): string => text;

/** Code span markdown for `code`: a fence one backtick longer than any run inside it. */
function backticked(code: string): string {
  const longest = Math.max(0, ...Array.from(code.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}

export function createMarkdownStyle(color: boolean, hyperlinks = false): MarkdownStyle {
  // The caller has already decided colour is wanted, so do not let chalk's own terminal
  // detection (level 0 when stdout is piped, as under tests) veto it; the palette is 16 colours.
  const chalk = new Chalk({level: color ? 1 : 0});
  if (!color) {
    return {
      color,
      chalk,
      heading1: plainText,
      heading2: plainText,
      heading: plainText,
      strong: plainText,
      em: plainText,
      del: (text) => `~~${text}~~`,
      codespan: backticked,
      link: plainText,
      url: plainText,
      dim: plainText,
      quote: plainText,
      bullet: plainText,
      tableHeader: plainText,
      hyperlink: (_url, text) => text,
    };
  }
  return {
    color,
    chalk,
    heading1: chalk.bold.underline.magenta,
    heading2: chalk.bold.magenta,
    heading: chalk.bold,
    strong: chalk.bold,
    em: chalk.italic,
    del: chalk.strikethrough,
    codespan: chalk.cyan,
    link: chalk.blue,
    url: chalk.dim.underline,
    dim: chalk.dim,
    quote: chalk.italic,
    bullet: chalk.yellow,
    tableHeader: chalk.bold,
    hyperlink: hyperlinks ? osc8Hyperlink : (_url, text) => text,
  };
}

