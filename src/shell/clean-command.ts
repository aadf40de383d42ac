import {joinCommandLines} from './join-command-lines.js';

/**
 * Terminal escape sequences whole (CSI `ESC [ … m`, OSC `ESC ] … BEL`, `ESC c`, `ESC ( B`, the
 * one-byte CSI U+009B): taking out only the ESC would leave `[31mrm -rf ~[0m`, a different
 * command, and one the danger table no longer recognises.
 */
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -/]*[0-~]|\u001b/g;
/** The rest of the controls but newline (tab is a space), and the bidi overrides and isolates. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The model's answer cut down to one command line: the first fenced block's content if there is
 * one (prose around it dropped), else the answer; then a leading `$ ` prompt, `#` comments and
 * backticks around the whole line go, and the lines are joined into one command
 * (joinCommandLines). Terminal controls are removed: no real command holds one, and this
 * line is put into the user's shell.
 */
export function cleanCommand(answer: string): string {
  const text = answer.replace(/\r\n?/g, '\n').replace(ESCAPES, '').replace(/\t/g, ' ').replace(CONTROLS, '');
  const lines = fencedContent(text) ?? withoutProse(text.split('\n'));
  return joinCommandLines(lines).trim();
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
  // One sentence alone ("I can't help with that.") is no command either: run, it is a syntax error at best.
  if (kept.length <= 1 && !/`[^`]+`/.test(kept[0] ?? '')) return kept.filter((line) => !isProse(line));
  const spans = kept.flatMap((line) => [...line.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? ''));
  if (spans.length > 0 && kept.some((line) => !/^\s*`[^`]+`\s*$/.test(line))) return [spans.reduce((a, b) => (b.length > a.length ? b : a))];
  return kept.filter((line) => !isProse(line));
}

/**
 * A sentence, not a command: it introduces one (ends with a colon), or it starts like a sentence
 * (a capital, then a lower-case letter, or `I`), ends like one, and holds nothing of a shell's syntax.
 * Commands rarely start with a capital; `du -ah .` ends with a full stop and stays.
 */
function isProse(line: string): boolean {
  const text = line.trim();
  return /:$/.test(text) || (/^(?:[A-Z][a-z]|I\b)/.test(text) && /[.!?]$/.test(text) && !/[|&;<>$=*/]|\s-\w/.test(text));
}
