/**
 * Large material in a user's turn (piped stdin, a big paste) is shown in the transcript as one
 * line saying what it was, `[stdin: 2,231 lines, 73 kB]`, not as the whole diff pushing the start
 * of the conversation out of the scrollback; an attached file (`/file`, `@path`, `-f`), whatever
 * its size, is one line under the message, `[file src/app.ts, 120 lines, ~1.1k tokens]`, and so
 * is an attached image or video. Only the display changes: the text sent, saved and shown by
 * `gemma sessions show` is whole.
 */
import type {EntryFile} from '../chat/chat-types.js';
import {lineCount as fileLines} from '../chat/attachments.js';
import {runCommandOfName} from '../chat/shell-output.js';
import {estimateTokens, formatTokens} from '../context/estimate-tokens.js';
import {fenceBlock} from '../context/fence-block.js';

export type MaterialSource = 'stdin' | 'paste' | 'file' | 'image' | 'video';

/**
 * Text the chat knows came from somewhere other than typing. An attached file's `text` is its
 * block as the message holds it (fence-block.ts), with what its line says in `file`; an image or
 * video is in the request's inputs, not the text (`text` is empty).
 */
export interface Material {
  source: MaterialSource;
  text: string;
  file?: {name: string; lines?: number; tokens?: number};
}

/** An attached file's text as its message holds it, and what its line says. */
function fileMaterial(name: string, content: string): Material {
  return {source: 'file', text: fenceBlock(name, content), file: {name, lines: fileLines(content), tokens: estimateTokens(content)}};
}

/** A message's attachments as materials to collapse. */
export function entryMaterials(files: readonly EntryFile[]): Material[] {
  return files.map((file) => (file.kind === 'file' ? fileMaterial(file.name, file.text) : {source: file.kind, text: '', file: {name: file.name}}));
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

/** `[file src/app.ts, 120 lines, ~1.1k tokens]`, `[run `git diff`, 12 lines, ~80 tokens]`, `[image photo.png]`; names shown inert (a file name may hold an ESC). */
function attachedLabel(material: Material, safe: (text: string) => string): string {
  const name = safe(material.file?.name ?? '');
  if (material.source !== 'file') return `[${material.source} ${name}]`;
  const lines = material.file?.lines ?? 0;
  const command = runCommandOfName(name);
  return `[${command === undefined ? `file ${name}` : `run \`${command}\``}, ${count(lines)} line${lines === 1 ? '' : 's'}, ${formatTokens(material.file?.tokens ?? 0)}]`;
}

/** `[stdin: 2,231 lines, 73 kB]`, `[pasted 3,000 lines]`, or `[2,231 lines, 73 kB]` when the source is not known. */
function materialLabel(text: string, source: Exclude<MaterialSource, 'file' | 'image' | 'video'> | undefined): string {
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
  source: Exclude<MaterialSource, 'file' | 'image' | 'video'> | undefined;
}

const isAttached = (material: Material): boolean => material.source === 'file' || material.source === 'image' || material.source === 'video';

/**
 * Where large material sits in `text`: each known piece found whole (one edited since is shown as
 * typed), else, for a large text nothing explains (a resumed session's turn, a long text from the
 * editor), everything after its first paragraph when that paragraph is short, or all of it.
 */
function rangesOf(text: string, materials: readonly Material[]): Range[] {
  const ranges: Range[] = [];
  for (const material of materials) {
    if (material.source === 'file' || material.source === 'image' || material.source === 'video') continue;
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

/**
 * The user's turn as the transcript shows it: typed text as it is, each large material as one
 * line, and then each attached file's line (its block, found whole, is cut out of the text).
 */
export function collapseUserText(text: string, materials: readonly Material[] = [], safe: (text: string) => string = (name) => name): UserPart[] {
  const attached: UserPart[] = [];
  let rest = text;
  for (const material of materials) {
    if (!isAttached(material)) continue;
    if (material.source === 'file') {
      const at = rest.indexOf(material.text);
      if (at === -1) continue;
      rest = rest.slice(0, at) + rest.slice(at + material.text.length);
    }
    attached.push({text: attachedLabel(material, safe), collapsed: true});
  }
  if (attached.length === 0) return collapseMaterial(text, materials);
  return [...(rest.trim() === '' ? [] : collapseMaterial(rest.trim(), materials)), ...attached];
}

function collapseMaterial(text: string, materials: readonly Material[]): UserPart[] {
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
  return collapseUserText(text, materials, safe).map((part, index) => ({
    text: `${index === 0 ? '› ' : '  '}${(part.collapsed ? part.text : safe(part.text)).replace(/\n/g, '\n  ')}`,
    collapsed: part.collapsed,
  }));
}
