import {ALLOWED_SOURCES} from '../context/source-limits.js';
import {GemmaError, UsageError} from '../errors.js';
import type {SettingValue} from '../settings/setting-types.js';
import type {Estimate} from './estimate.js';
import {checkMedia, itemMedia, itemText, type LoadFiles} from './item-files.js';
import {listProblems, ProblemList} from './problem-list.js';
import {inputLines, type InputFormat} from './read-input.js';
import {IdTable} from './id-table.js';
import {idDigest, idKey, inShard, type Shard} from './shard.js';
import {checkLine, type LineFields} from './validate-line.js';

/** Which items of the input this run takes, whatever pass reads it. */
export interface Selection {
  path: string;
  format: InputFormat;
  shard?: Shard | undefined;
  /** Whether an id (by idKey) runs; false: its line is in the output already. */
  runs: (key: string) => boolean;
}

export interface ScanOptions {
  /** The input as the user named it, for messages (`-` is stdin). */
  name: string;
  /** The flags' settings, under each line's. */
  flags: ReadonlyMap<string, SettingValue>;
  loadFiles: LoadFiles;
  /** `--estimate`: what each item would cost, added up. */
  estimate?: Estimate;
  /** Ctrl-C: the pass stops at the next line with the signal's reason. */
  signal?: AbortSignal;
}

export interface ScanCounts {
  /** Items in the input. */
  total: number;
  outOfShard: number;
  /** In this shard, with a line in the output already. */
  skipped: number;
  /** What runs now. */
  toRun: number;
}

/**
 * The first pass: reads the whole input and checks every line before anything is sent (a
 * malformed line, an unknown or invalid setting, a duplicate id, a file that cannot be sent).
 * Every problem is listed by line number, up to a limit, in one exit-2 error. Only 16 bytes per
 * id are kept (for duplicates, id-table.ts), never a prompt: the run reads the input again.
 */
export async function scanInput(selection: Selection, options: ScanOptions): Promise<ScanCounts> {
  const problems = new ProblemList();
  const seen = new IdTable();
  const checkedMedia = new Set<string>();
  const counts: ScanCounts = {total: 0, outOfShard: 0, skipped: 0, toRun: 0};
  for await (const input of inputLines(selection.path)) {
    options.signal?.throwIfAborted();
    const checked = checkLine(input, selection.format);
    const id = checked.ok ? checked.fields.id : checked.id;
    const digest = id === undefined ? undefined : idDigest(id);
    const first = digest === undefined ? undefined : seen.firstLine(digest, input.line);
    if (!checked.ok) for (const problem of checked.problems) problems.add(input.line, problem);
    if (first !== undefined) problems.add(input.line, `duplicate id ${JSON.stringify(id)} (first on line ${first}); allowed: each id once`);
    if (!checked.ok || first !== undefined || digest === undefined) continue;
    const {fields} = checked;
    const key = idKey(digest);
    counts.total += 1;
    const shardTakes = inShard(digest, selection.shard);
    const runs = shardTakes && selection.runs(key);
    // A line's files are checked whether or not it runs now: the next run would fail on them.
    const problem = await checkFiles(fields, options, checkedMedia, runs ? options.estimate : undefined);
    if (problem) problems.add(input.line, problem);
    if (!shardTakes) counts.outOfShard += 1;
    else if (!runs) counts.skipped += 1;
    else counts.toRun += 1;
  }
  if (problems.count > 0) throw new UsageError(listProblems(options.name, problems, 'nothing was sent'));
  return counts;
}

/** What a line's `files` take: -f's sources but URLs and stdin, which validate-line.ts refuses in a batch. */
const BATCH_SOURCES = ALLOWED_SOURCES.replace(', an http(s) URL, or - for stdin', ' (no URL or - in a batch)');

/** The line's files and media read as the request will read them; the problem, if any. */
async function checkFiles(fields: LineFields, options: ScanOptions, checkedMedia: Set<string>, estimate: Estimate | undefined): Promise<string | undefined> {
  const settings = new Map([...options.flags, ...fields.settings]);
  try {
    const text = await itemText(fields, options.loadFiles);
    const media = itemMedia(settings, text);
    await checkMedia(media, checkedMedia);
    const system = fields.system ?? settings.get('systemPrompt');
    const maxTokens = settings.get('maxTokens');
    estimate?.add({
      prompt: text.prompt,
      system: typeof system === 'string' ? system : undefined,
      images: media.images.length,
      videos: media.videos.length,
      maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
      results: Number(settings.get('numberResults') ?? 1),
    });
    return undefined;
  } catch (error) {
    if (error instanceof GemmaError) return error.message.replace(ALLOWED_SOURCES, BATCH_SOURCES);
    throw error;
  }
}
