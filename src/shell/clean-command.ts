/**
 * The model's answer cut down to one command line: the first fenced block's content if there is
 * one (prose around it dropped), else the answer; then a leading `$ ` prompt, `#` comment lines
 * and backticks around the whole line go, `\` continuations are joined, and several commands are
 * chained with `&&` (the next runs only when the one before succeeded, as a person typing them
 * one by one would check). Terminal controls are removed: no real command holds one, and this
 * line is put into the user's shell.
 */
export function cleanCommand(answer: string): string {
  const text = answer.replace(/\r\n?/g, '\n');
  const lines = fencedContent(text) ?? withoutProse(text.split('\n'));
  const commands: string[] = [];
  let open = '';
  for (const raw of lines) {
    let line = raw.trim().replace(/^\$\s+/, '');
    if (line === '' || (line.startsWith('#') && !line.startsWith('#!'))) continue;
    line = unquoted(line);
    if (line.endsWith('\\')) {
      open += `${line.slice(0, -1).trimEnd()} `;
      continue;
    }
    commands.push(open + line);
    open = '';
  }
  if (open.trim() !== '') commands.push(open.trim());
  return commands.join(' && ').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
}

/** The first ``` or ~~~ block's lines (an unclosed one runs to the end), or undefined. */
function fencedContent(text: string): string[] | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^\s*(`{3,}|~{3,})/.test(line));
  if (start < 0) return undefined;
  const fence = /^\s*(`{3,}|~{3,})/.exec(lines[start] ?? '')?.[1] ?? '```';
  const closing = new RegExp(`^\\s*\\${fence[0] ?? '`'}{${fence.length},}\\s*$`);
  const end = lines.findIndex((line, i) => i > start && closing.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/**
 * Unfenced lines without the prose a model puts around a command: a line that introduces it
 * (`Here is the command:`) and, when a line holds one `inline code` span amid words, the span.
 */
function withoutProse(lines: string[]): string[] {
  const kept = lines.filter((line) => line.trim() !== '');
  if (kept.length <= 1 && !/`[^`]+`/.test(kept[0] ?? '')) return kept;
  const spans = kept.flatMap((line) => [...line.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? ''));
  if (spans.length > 0 && kept.some((line) => !/^\s*`[^`]+`\s*$/.test(line))) return [spans.reduce((a, b) => (b.length > a.length ? b : a))];
  return kept.filter((line) => !isProse(line));
}

/**
 * A sentence, not a command: it introduces one (ends with a colon), or it starts like a sentence
 * (a capital, then a lower-case letter), ends like one, and holds nothing of a shell's syntax.
 * Commands rarely start with a capital; `du -ah .` ends with a full stop and stays.
 */
function isProse(line: string): boolean {
  const text = line.trim();
  return /:$/.test(text) || (/^[A-Z][a-z]/.test(text) && /[.!?]$/.test(text) && !/[|&;<>$=*/]|\s-\w/.test(text));
}

/** A line wrapped whole in backticks or quotes-as-markup loses them. */
function unquoted(line: string): string {
  const match = /^`([^`]+)`$/.exec(line);
  return match?.[1] ? match[1].trim() : line;
}
