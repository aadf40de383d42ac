import {stripVTControlCharacters} from 'node:util';
import hljs from 'highlight.js/lib/common';
import type {ChalkInstance} from 'chalk';
import {decodeEntities} from './decode-entities.js';

/**
 * Colours a fenced code block by language. Only colour is added: every character of the code
 * stays where it was, so stripping the escape codes gives back the code exactly and text copied
 * from the terminal is the code. `lib/common` carries the ~36 languages models actually write,
 * at a third of the full bundle's load time; anything else is shown plain, never auto-detected
 * (detection runs every grammar over the block, which is slow and often wrong).
 */
type Paint = (chalk: ChalkInstance) => (text: string) => string;

const THEME: Readonly<Record<string, Paint>> = {
  keyword: (c) => c.magenta,
  built_in: (c) => c.cyan,
  type: (c) => c.cyan,
  class: (c) => c.cyan,
  literal: (c) => c.yellow,
  number: (c) => c.yellow,
  symbol: (c) => c.yellow,
  bullet: (c) => c.yellow,
  string: (c) => c.green,
  regexp: (c) => c.red,
  char: (c) => c.green,
  title: (c) => c.blue,
  function: (c) => c.blue,
  section: (c) => c.bold.blue,
  name: (c) => c.blue,
  tag: (c) => c.gray,
  attr: (c) => c.yellow,
  attribute: (c) => c.yellow,
  property: (c) => c.blue,
  variable: (c) => c.red,
  'template-variable': (c) => c.red,
  'template-tag': (c) => c.magenta,
  'selector-tag': (c) => c.magenta,
  'selector-id': (c) => c.blue,
  'selector-class': (c) => c.yellow,
  'selector-attr': (c) => c.yellow,
  'selector-pseudo': (c) => c.yellow,
  comment: (c) => c.gray.italic,
  quote: (c) => c.gray.italic,
  doctag: (c) => c.gray.bold,
  meta: (c) => c.gray,
  addition: (c) => c.green,
  deletion: (c) => c.red,
  emphasis: (c) => c.italic,
  strong: (c) => c.bold,
  link: (c) => c.underline,
};

const HTML_PIECE = /<span class="([^"]*)">|<\/span>|([^<]+)/g;

/** The hljs language for a fence info string such as `ts`, `Python`, or `js title="x"`. */
function codeLanguage(info: string | undefined): string | undefined {
  const name = info?.trim().split(/\s+/, 1)[0]?.replace(/^\{?\.?/, '').replace(/\}$/, '').toLowerCase();
  return name && hljs.getLanguage(name) ? name : undefined;
}

function paintFor(className: string, chalk: ChalkInstance): ((text: string) => string) | undefined {
  const scope = className.split(' ', 1)[0]?.replace(/^hljs-/, '') ?? '';
  // Own keys only: a scope named like an Object.prototype member must not find one.
  return Object.hasOwn(THEME, scope) ? THEME[scope]?.(chalk) : undefined;
}

/** hljs renders HTML; walk its spans with a stack so nested scopes fall back to the outer one. */
function htmlToAnsi(html: string, chalk: ChalkInstance): string {
  const stack: Array<((text: string) => string) | undefined> = [];
  let out = '';
  for (const match of html.matchAll(HTML_PIECE)) {
    const [piece, className, text] = match;
    if (className !== undefined) {
      stack.push(paintFor(className, chalk) ?? stack.at(-1));
    } else if (text !== undefined) {
      const decoded = decodeEntities(text);
      const paint = stack.at(-1);
      out += paint ? paint(decoded) : decoded;
    } else if (piece === '</span>') {
      stack.pop();
    }
  }
  return out;
}

export function highlightCode(code: string, info: string | undefined, chalk: ChalkInstance): string {
  const language = codeLanguage(info);
  if (!language || chalk.level === 0) return code;
  try {
    const highlighted = htmlToAnsi(hljs.highlight(code, {language, ignoreIllegals: true}).value, chalk);
    // Belt and braces: if the walk ever lost a character, plain code beats wrong code.
    return stripVTControlCharacters(highlighted) === code ? highlighted : code;
  } catch {
    return code;
  }
}
