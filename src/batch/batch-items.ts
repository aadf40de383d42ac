import {GemmaError} from '../errors.js';
import type {SettingValue} from '../settings/setting-types.js';
import type {BatchItem} from './batch-types.js';
import {itemMedia, itemText, type LoadFiles} from './item-files.js';
import {inputLines} from './read-input.js';
import type {Selection} from './scan-input.js';
import {idDigest, idKey, inShard} from './shard.js';
import {checkLine} from './validate-line.js';

export interface ItemReading {
  /** The setting flags: the defaults of every line, whose own settings win. */
  flags: ReadonlyMap<string, SettingValue>;
  /** The run's resolved settings (flags over env and config): the media a line's files add to. */
  base: ReadonlyMap<string, SettingValue>;
  loadFiles: LoadFiles;
  /** Called before an item is handed on, in input order: --ordered's buffer waits here when full. */
  admit?: (line: number) => Promise<void>;
  /** A line whose files could no longer be read (changed since the first pass): its error line. */
  unsendable: (item: {id: string; line: number}, error: GemmaError) => void;
}

/**
 * The second pass: the input read again, one line at a time, each line the first pass checked
 * made into an item as it is pulled (files inlined then), so only the items in flight are in
 * memory. Items outside the shard or already in the output are passed over. An item's settings
 * are the flags with its line's over them, its system prompt and its media (the run's or its
 * own, then its files') folded in: they take the flags' place in the precedence.
 */
export async function* batchItems(selection: Selection, reading: ItemReading): AsyncGenerator<BatchItem> {
  for await (const input of inputLines(selection.path)) {
    const checked = checkLine(input, selection.format);
    // The first pass refused any bad line: one now is a file changed in between; it was not counted.
    if (!checked.ok) continue;
    const {fields} = checked;
    const digest = idDigest(fields.id);
    if (!inShard(digest, selection.shard) || !selection.runs(idKey(digest))) continue;
    await reading.admit?.(fields.line);
    let text;
    try {
      text = await itemText(fields, reading.loadFiles);
    } catch (error) {
      if (!(error instanceof GemmaError)) throw error;
      reading.unsendable(fields, error);
      continue;
    }
    const settings = new Map([...reading.flags, ...fields.settings]);
    if (fields.system !== undefined) settings.set('systemPrompt', fields.system);
    const media = itemMedia(new Map([...reading.base, ...fields.settings]), text);
    if (media.images.length > 0) settings.set('images', media.images);
    if (media.videos.length > 0) settings.set('videos', media.videos);
    yield {id: fields.id, line: fields.line, prompt: text.prompt, settings};
  }
}
