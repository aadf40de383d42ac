/**
 * Large material in a user's turn (piped stdin, a big paste) is shown in the transcript as one
 * line saying what it was, `[stdin: 2,231 lines, 73 kB]`, not as the whole diff pushing the start
 * of the conversation out of the scrollback. Only the display changes: the text sent, saved and
 * shown by `gemma sessions show` is whole.
 */

export type MaterialSource = 'stdin' | 'paste';

/** Text the chat knows came from somewhere other than typing. */
export interface Material {
  source: MaterialSource;
  text: string;
}

/** A piece of a user's turn as shown: typed text, or the line standing for collapsed material. */
export interface UserPart {
  text: string;
  collapsed: boolean;
}

/** Material is collapsed when it has more lines than this, or more bytes than COLLAPSE_BYTES. */
const COLLAPSE_LINES = 20;
const COLLAPSE_BYTES = 4096;

const lineCount = (text: string): number => {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
};

/** Too big to show in the transcript. Cheap on a huge paste: a count of newlines and of bytes. */
export function isLargeMaterial(text: string): boolean {
  return lineCount(text) > COLLAPSE_LINES || Buffer.byteLength(text, 'utf8') > COLLAPSE_BYTES;
}

const count = (n: number): string => n.toLocaleString('en-US');

function size(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${count(Math.round(bytes / 1000))} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** `[stdin: 2,231 lines, 73 kB]`, `[pasted 3,000 lines]`, or `[2,231 lines, 73 kB]` when the source is not known. */
function materialLabel(text: string, source: MaterialSource | undefined): string {
  const lines = lineCount(text);
  const both = `${count(lines)} line${lines === 1 ? '' : 's'}, ${size(Buffer.byteLength(text, 'utf8'))}`;
  switch (source) {
    case 'stdin':
      return `[stdin: ${both}]`;
    case 'paste':
      // Many lines say enough; a few long ones (a minified file) need their size.
      return lines > COLLAPSE_LINES ? `[pasted ${count(lines)} lines]` : `[pasted ${both}]`;
    case undefined:
      return `[${both}]`;
  }
}

interface Range {
  start: number;
  end: number;
  source: MaterialSource | undefined;
}

/**
 * Where large material sits in `text`: each known piece found whole (one edited since is shown as
 * typed), else, for a large text nothing explains (a resumed session's turn, a long text from the
 * editor), everything after its first paragraph when that paragraph is short, or all of it.
 */
function rangesOf(text: string, materials: readonly Material[]): Range[] {
  const ranges: Range[] = [];
  for (const material of materials) {
    const body = material.text.replace(/\s+$/, '');
    if (body === '' || !isLargeMaterial(body)) continue;
    const start = text.indexOf(body);
    if (start === -1 || ranges.some((range) => start < range.end && start + body.length > range.start)) continue;
    ranges.push({start, end: start + body.length, source: material.source});
  }
  if (ranges.length > 0) return ranges.sort((a, b) => a.start - b.start);
  if (!isLargeMaterial(text)) return [];
  const paragraphEnd = text.indexOf('\n\n');
  const instruction = paragraphEnd === -1 ? '' : text.slice(0, paragraphEnd);
  const short = instruction.trim() !== '' && lineCount(instruction) <= 3 && instruction.length <= 300;
  return [{start: short ? paragraphEnd : 0, end: text.length, source: undefined}];
}

/** The user's turn as the transcript shows it: typed text as it is, each large material as one line. */
export function collapseUserText(text: string, materials: readonly Material[] = []): UserPart[] {
  const ranges = rangesOf(text, materials);
  if (ranges.length === 0) return [{text, collapsed: false}];
  const parts: UserPart[] = [];
  let at = 0;
  for (const range of ranges) {
    const typed = text.slice(at, range.start).trim();
    if (typed !== '') parts.push({text: typed, collapsed: false});
    parts.push({text: materialLabel(text.slice(range.start, range.end).trim(), range.source), collapsed: true});
    at = range.end;
  }
  const rest = text.slice(at).trim();
  if (rest !== '') parts.push({text: rest, collapsed: false});
  return parts;
}

/**
 * Material the chat was given, waiting for the turn that carries it to reach the transcript.
 * A turn takes what it contains; a paste that was deleted again is forgotten after a few more.
 */
export class MaterialNotes {
  #notes: Material[] = [];

  note(material: Material): void {
    this.#notes = [...this.#notes.slice(-7), material];
  }

  take(text: string): Material[] {
    const found = this.#notes.filter((material) => text.includes(material.text.replace(/\s+$/, '')));
    if (found.length > 0) this.#notes = this.#notes.filter((material) => !found.includes(material));
    return found;
  }
}

/** The parts of a user's turn ready to wrap: `› ` before the first, continuation lines indented under it. */
export function userTurnParts(text: string, materials: readonly Material[], safe: (text: string) => string): UserPart[] {
  return collapseUserText(text, materials).map((part, index) => ({
    text: `${index === 0 ? '› ' : '  '}${(part.collapsed ? part.text : safe(part.text)).replace(/\n/g, '\n  ')}`,
    collapsed: part.collapsed,
  }));
}
