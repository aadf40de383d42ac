/**
 * One source's text as the model reads it: its name alone on a line, then the text inside a
 * markdown fence. A fence, not a tagged block (`<file path="...">`): the model reads markdown
 * natively and a tag's end can be forged by the content; a fence longer than every backtick run
 * in the content cannot be closed from inside it (CommonMark: a closing fence is at least as long
 * as the opening one), so any file, this one included, is delimited unambiguously.
 */
export function fenceBlock(name: string, text: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  // One final newline is the file's own line end, not a blank line of its content.
  const body = text.replace(/\r?\n$/, '');
  return `${name}\n${fence}\n${body}${body ? '\n' : ''}${fence}`;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}
