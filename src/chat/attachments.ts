import {statSync} from 'node:fs';
import {resolve} from 'node:path';
import {estimateMediaTokens, estimateTokens, formatTokens} from '../context/estimate-tokens.js';
import type {LoadedSources, SourceText} from '../context/load-sources.js';
import {formatSize, SOURCE_LIMITS} from '../context/source-limits.js';
import {UsageError} from '../errors.js';
import type {ResolvedSettings} from '../settings/resolved-settings.js';
import {runCommandOfName} from './shell-output.js';

/** What one `/file <source>` (or `@path`) brought: its text files, and images or videos. */
export interface Attachment {
  source: string;
  loaded: Pick<LoadedSources, 'texts' | 'images' | 'videos'>;
}

/** What the next message carries: text blocks before it, media in that request's inputs only. */
export interface TurnFiles {
  texts: SourceText[];
  images: string[];
  videos: string[];
}

export const NO_FILES: TurnFiles = {texts: [], images: [], videos: []};

export const hasFiles = (files: TurnFiles): boolean => files.texts.length + files.images.length + files.videos.length > 0;

/**
 * The attachments waiting for the next message, in the order attached. The message takes them
 * all (and they are gone, sent or not): a file attached twice goes once, where first attached.
 */
export class PendingAttachments {
  #list: Attachment[] = [];

  /** One message's files stay within what `-f` allows one prompt: attaching past it is refused. */
  add(attachment: Attachment): void {
    const bytes = (list: readonly Attachment[]): number => list.reduce((sum, {loaded}) => sum + loaded.texts.reduce((total, file) => total + Buffer.byteLength(file.text), 0), 0);
    if (bytes([...this.#list, attachment]) > SOURCE_LIMITS.maxTotalTextBytes) {
      throw new UsageError(`${attachment.source}: the attached files would add up to over ${formatSize(SOURCE_LIMITS.maxTotalTextBytes)} of text; allowed: at most ${formatSize(SOURCE_LIMITS.maxTotalTextBytes)} for one message (/drop some)`);
    }
    this.#list = [...this.#list, attachment];
  }

  list(): readonly Attachment[] {
    return this.#list;
  }

  /** `/drop n` (from 1) detaches one, `/drop` all; returns what was detached. */
  drop(number?: number): Attachment[] {
    if (number === undefined) {
      const all = this.#list;
      this.#list = [];
      return all;
    }
    const dropped = this.#list[number - 1];
    if (!dropped || !Number.isInteger(number)) {
      throw new UsageError(`/drop ${number}: no such attachment; allowed: ${this.#list.length === 0 ? 'none, nothing is attached' : `1 to ${this.#list.length} (see /files)`}`);
    }
    this.#list = this.#list.filter((attachment) => attachment !== dropped);
    return [dropped];
  }

  take(): TurnFiles {
    const list = this.#list;
    this.#list = [];
    const files: TurnFiles = {texts: [], images: [], videos: []};
    const seen = new Set<string>();
    const once = (key: string): boolean => !seen.has(key) && Boolean(seen.add(key));
    for (const {loaded} of list) {
      // Two /run of one command (before and after a fix) are two outputs: both go.
      files.texts.push(...loaded.texts.filter((text) => once(runCommandOfName(text.name) === undefined ? `text:${text.name}` : `run:${text.name}\0${text.text}`)));
      files.images.push(...loaded.images.filter((path) => once(`image:${path}`)));
      files.videos.push(...loaded.videos.filter((path) => once(`video:${path}`)));
    }
    return files;
  }
}

/** Lines of a file's text: a final newline ends the last line, it does not start another. */
export function lineCount(text: string): number {
  if (text === '') return 0;
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < text.length - 1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

const plural = (count: number, word: string): string => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/** `src/app.ts: 120 lines, 4 kB, ~1.1k tokens`, `src/ (3 files): ...`, `photo.png: image`. */
export function attachmentSummary({source, loaded}: Attachment): string {
  const {texts, images, videos} = loaded;
  const named = texts.length + images.length + videos.length === 1 && (texts[0]?.name ?? images[0] ?? videos[0]) === source;
  const parts: string[] = [];
  if (texts.length > 0) {
    const joined = texts.map((file) => file.text);
    const lines = joined.reduce((sum, text) => sum + lineCount(text), 0);
    const bytes = joined.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    parts.push(`${named ? '' : `${plural(texts.length, 'file')}, `}${plural(lines, 'line')}, ${formatSize(bytes)}, ${formatTokens(attachmentTokens({source, loaded}))}`);
  }
  // The model card's budget for each: an image counts like a page of text, and /files says so.
  if (images.length > 0) parts.push(`${named ? 'image' : plural(images.length, 'image')}, ${formatTokens(estimateMediaTokens({images: images.length, videos: 0}))}`);
  if (videos.length > 0) parts.push(`${named ? 'video' : plural(videos.length, 'video')}, ${formatTokens(estimateMediaTokens({images: 0, videos: videos.length}))}`);
  return `${source}: ${parts.join(', ')}`;
}

/** The estimated tokens of an attachment's text. */
function attachmentTokens({loaded}: Attachment): number {
  return loaded.texts.reduce((sum, file) => sum + estimateTokens(file.text), 0);
}

/** Its text and its images and videos. */
const allTokens = (attachment: Attachment): number => attachmentTokens(attachment) + estimateMediaTokens({images: attachment.loaded.images.length, videos: attachment.loaded.videos.length});

/** What `/files` prints. */
export function attachmentsReport(list: readonly Attachment[]): string {
  if (list.length === 0) return 'nothing is attached; /file <path> attaches one to your next message';
  const total = list.reduce((sum, attachment) => sum + allTokens(attachment), 0);
  return [
    'attached to your next message:',
    ...list.map((attachment, index) => `  ${index + 1}. ${attachmentSummary(attachment)}`),
    `in all ${formatTokens(total)}; /drop N detaches one, /drop all of them`,
  ].join('\n');
}

/** A message with its `@path` words resolved: the paths to attach, and the text to send. */
export interface Mentions {
  text: string;
  paths: string[];
}

const MENTION = /(^|\s)(\\?)@(\S+)/g;
/** Punctuation after a path in a sentence (`look at @a.ts, then`), tried without when the whole word names nothing. */
const TRAILING = /[.,;:!?)\]'"]+$/;

/**
 * `@path` words of a typed message: one that names an existing file (from `cwd`) is attached and
 * sent as the path alone (the block above the message bears that name); `\@word` is `@word`
 * as typed; any other `@word` (a handle, `@everyone`) stays as it was.
 */
export function resolveMentions(text: string, cwd: string): Mentions {
  const paths: string[] = [];
  const resolved = text.replace(MENTION, (whole, space: string, escape: string, word: string) => {
    if (escape) return `${space}@${word}`;
    const trailing = TRAILING.exec(word)?.[0] ?? '';
    for (const path of trailing && !isFile(cwd, word) ? [word.slice(0, -trailing.length)] : [word]) {
      if (path && isFile(cwd, path)) {
        if (!paths.includes(path)) paths.push(path);
        return `${space}${word}`;
      }
    }
    return whole;
  });
  return {text: resolved, paths};
}

function isFile(cwd: string, path: string): boolean {
  try {
    return statSync(resolve(cwd, path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The settings of one request with a message's attached images and videos added to those of
 * `--image` / `--video`: `inputs` belongs to the request, not to a message, so they go with the
 * request of the message they were attached to, and the turns after it do not send them again.
 */
export function withMedia(settings: ResolvedSettings, files: TurnFiles): ResolvedSettings {
  let result = settings;
  for (const [name, paths] of [['images', files.images], ['videos', files.videos]] as const) {
    if (paths.length === 0) continue;
    const given = result.get(name)?.value;
    result = result.with(name, {value: [...(Array.isArray(given) ? given : []), ...paths], source: 'flag'});
  }
  return result;
}
