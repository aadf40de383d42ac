import type {LoadedSources} from '../context/load-sources.js';
import {fenceBlock} from '../context/fence-block.js';
import {readMedia} from '../request/read-media.js';
import type {SettingValue} from '../settings/setting-types.js';
import type {LineFields} from './validate-line.js';

/** Loads a line's `files` as `-f` loads them (src/context/load-sources.ts, from the working directory). */
export type LoadFiles = (files: readonly string[]) => Promise<LoadedSources>;

/** A line's prompt with its files inlined, and the media they brought. */
export interface ItemText {
  prompt: string;
  images: string[];
  videos: string[];
}

/**
 * The prompt as `ask -f` composes it: each text file a fenced block named by its path, in the
 * order given, then the line's prompt; images and videos among the files go with the request,
 * as `--image` would send them. Throws the loader's UsageError for a source that cannot be sent.
 */
export async function itemText(fields: LineFields, loadFiles: LoadFiles): Promise<ItemText> {
  if (fields.files.length === 0) return {prompt: fields.prompt, images: [], videos: []};
  const loaded = await loadFiles(fields.files);
  const blocks = loaded.texts.map(({name, text}) => fenceBlock(name, text));
  return {prompt: [...blocks, fields.prompt].join('\n\n'), images: loaded.images, videos: loaded.videos};
}

/** The media a line sends: its own `images`/`videos` setting (over the flags'), then its files'. */
export function itemMedia(settings: ReadonlyMap<string, SettingValue>, text: ItemText): {images: string[]; videos: string[]} {
  const list = (name: string): string[] => {
    const value = settings.get(name);
    return Array.isArray(value) ? value : [];
  };
  return {images: [...list('images'), ...text.images], videos: [...list('videos'), ...text.videos]};
}

/**
 * Checks that every local media file can be sent (exists, a real image or video, not too
 * large) by reading it as the request will; each path once per run.
 */
export async function checkMedia(media: {images: string[]; videos: string[]}, checked: Set<string>): Promise<void> {
  for (const [kind, values] of [['image', media.images], ['video', media.videos]] as const) {
    for (const value of values) {
      if (checked.has(value)) continue;
      await readMedia(value, kind, kind);
      checked.add(value);
    }
  }
}
