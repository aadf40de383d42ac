/**
 * The lines of a command a model wrote over several lines, made into one command that means the
 * same. Separate commands are chained with `&&` (each runs only if the one before succeeded, as a
 * person typing them one by one would check); the lines of one compound command (`for … do …
 * done`, `if … then … fi`, `{ … }`) are joined with `; `, since `do && echo` is a syntax error; a
 * line ending in `|`, `&&`, `do`, `then`, … goes on with a space. A here-document cannot be put
 * on one line: it is kept as written, its lines joined with newlines, and the command after it
 * starts on a line of its own.
 */
export function joinCommandLines(lines: readonly string[]): string {
  let out = '';
  let depth = 0;
  let heredoc: {word: string; tabs: boolean} | undefined;
  let afterHeredoc = false;
  let open = '';
  let last = '';
  for (const raw of lines) {
    if (heredoc) {
      out += `\n${raw}`;
      if ((heredoc.tabs ? raw.replace(/^\t+/, '') : raw) === heredoc.word) {
        heredoc = undefined;
        afterHeredoc = true;
      }
      continue;
    }
    let line = raw.trim().replace(/^\$\s+/, '');
    if (line === '' || (line.startsWith('#') && !line.startsWith('#!'))) continue;
    line = withoutComment(unquoted(line));
    if (line === '') continue;
    if (line.endsWith('\\') && !line.endsWith('\\\\')) {
      open += `${line.slice(0, -1).trimEnd()} `;
      continue;
    }
    line = open + line;
    open = '';
    // The line before, not all of `out`: an end-anchored test of the whole would be quadratic.
    out += out === '' ? line : `${afterHeredoc ? '\n' : joiner(last, line, depth)}${line}`;
    last = line;
    afterHeredoc = false;
    depth = Math.max(0, depth + nesting(line));
    heredoc = heredocStart(line);
  }
  if (open.trim() !== '') out += `${out === '' ? '' : ' && '}${open.trim()}`;
  return out;
}

/** What goes between the command so far and the next line. */
function joiner(before: string, next: string, depth: number): string {
  if (/(?:\|\|?|&&|[({]|;;?|\b(?:do|then|else|in))$/.test(before) || /^(?:\|\|?|&&|\))/.test(next)) return ' ';
  if (depth > 0 || /^(?:done|fi|esac|elif|else|then|do|\}|;;)(?=\s|;|$)/.test(next)) return '; ';
  return ' && ';
}

/** How many compound commands `line` opens (for, while, until, if, case, select, `{`) less those it closes. */
function nesting(line: string): number {
  let change = 0;
  for (const word of line.split(/[\s;]+/)) {
    if (/^(?:for|while|until|if|case|select|\{)$/.test(word)) change++;
    else if (/^(?:done|fi|esac|\})$/.test(word)) change--;
  }
  return change;
}

/** The here-document a line opens (`<<EOF`, `<<-'END'`), if any; `<<<` is a here-string. */
function heredocStart(line: string): {word: string; tabs: boolean} | undefined {
  const match = /(?<!<)<<(-?)\s*(["']?)([A-Za-z_][\w-]*)\2/.exec(line);
  return match?.[3] ? {word: match[3], tabs: match[1] === '-'} : undefined;
}

/** A line wrapped whole in backticks loses them. */
function unquoted(line: string): string {
  const match = /^`([^`]+)`$/.exec(line);
  return match?.[1] ? match[1].trim() : line;
}

/**
 * The line without a trailing `# comment`: a `#` starting a word outside quotes. Kept, the
 * comment would swallow whatever is chained after it (`ls # list && cd x` never runs cd).
 */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '\\' && quote !== "'") i++;
    else if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && i > 0 && /\s/.test(line[i - 1] ?? '')) return line.slice(0, i).trimEnd();
  }
  return line;
}
