import {Chalk} from 'chalk';
import type {ChalkInstance} from 'chalk';

/**
 * The palette every markdown element is drawn with. In plain mode each entry is the identity,
 * so the layout is the same with and without colour and no escape code can slip through.
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
}

const plainText = (text: string): string => text;

export function createMarkdownStyle(color: boolean): MarkdownStyle {
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
      del: plainText,
      codespan: plainText,
      link: plainText,
      url: plainText,
      dim: plainText,
      quote: plainText,
      bullet: plainText,
      tableHeader: plainText,
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
  };
}

