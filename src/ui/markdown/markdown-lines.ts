/**
 * Rendered output as lines that know whether they are code. Containers (list items, quotes)
 * indent or prefix their children line by line, but must leave code lines alone: a code line
 * is printed exactly as written so that copying it from the terminal gives the code.
 */
export interface Line {
  text: string;
  verbatim: boolean;
}

export function textLines(text: string): Line[] {
  return text.split('\n').map((line) => ({text: line, verbatim: false}));
}

export function verbatimLines(text: string): Line[] {
  return text.split('\n').map((line) => ({text: line, verbatim: true}));
}

const BLANK_LINE: Line = {text: '', verbatim: false};

/** Joins rendered blocks, with one blank line between them unless they sit tight. */
export function joinBlocks(blocks: readonly Line[][], tight: boolean): Line[] {
  const out: Line[] = [];
  for (const block of blocks) {
    if (block.length === 0) continue;
    if (out.length > 0 && !tight) out.push(BLANK_LINE);
    out.push(...block);
  }
  return out;
}

/**
 * Puts `first` before the first line and `rest` before the others, skipping code lines. Blank
 * lines get the prefix without its trailing spaces, so no line ends in invisible whitespace.
 */
export function prefixLines(lines: readonly Line[], first: string, rest: string): Line[] {
  const out: Line[] = [];
  let pendingFirst: string | undefined = first;
  for (const line of lines) {
    if (line.verbatim) {
      // A marker cannot go on a code line; give it a line of its own above the code.
      if (pendingFirst !== undefined) out.push({text: pendingFirst.trimEnd(), verbatim: false});
      pendingFirst = undefined;
      out.push(line);
      continue;
    }
    const prefix = pendingFirst ?? rest;
    pendingFirst = undefined;
    out.push({text: line.text === '' ? prefix.trimEnd() : prefix + line.text, verbatim: false});
  }
  if (pendingFirst !== undefined) out.push({text: pendingFirst.trimEnd(), verbatim: false});
  return out;
}
