import type {LoadedAttachment} from '../chat/file-commands.js';
import type {LoadedSources, SourceText} from '../context/load-sources.js';
import {fenceBlock} from '../context/fence-block.js';
import {skippedReport} from '../context/skipped-report.js';
import {ExitCode, UsageError} from '../errors.js';
import {lazyImports} from '../lazy-imports.js';
import {colorFor} from '../output/terminal.js';
import type {SettingValue} from '../settings/setting-types.js';
import {readStdinText} from './read-stdin.js';
import {VERSION} from './version.js';

/**
 * The first user turn from the arguments and piped stdin: the argument is the instruction and
 * stdin the material (`instruction`, blank line, `stdin`); `-` as the argument means stdin alone.
 * With `-f` sources (`texts`), each is a fenced block named by its source, in the order given,
 * piped stdin is one more block named `stdin` after them, and the instruction comes last.
 */
export function composePrompt(args: readonly string[], stdinText: string | undefined, texts: readonly SourceText[] = []): string {
  const dashOnly = args.length === 1 && args[0] === '-';
  const instruction = dashOnly ? '' : args.join(' ').trim();
  const material = stdinText?.replace(/\s+$/, '') ?? '';
  if (texts.length > 0) {
    const blocks = texts.map(({name, text}) => fenceBlock(name, text));
    if (material && !dashOnly) blocks.push(fenceBlock('stdin', material));
    return [...blocks, dashOnly ? material : instruction].filter(Boolean).join('\n\n');
  }
  const prompt = instruction && material ? `${instruction}\n\n${material}` : instruction || material;
  if (!prompt.trim()) {
    throw new UsageError(dashOnly || stdinText !== undefined ? 'the prompt is empty: stdin had no text' : 'the prompt is empty; allowed: text as arguments or on stdin, e.g. gemma ask "hello"');
  }
  return prompt;
}

/** The `-f, --file <source>` values commander collected, in the order given. */
export function fileSources(opts: Record<string, unknown>): string[] {
  return Array.isArray(opts.file) ? opts.file.map(String) : [];
}

interface FirstTurn {
  /** `-f` sources, in order. */
  files: readonly string[];
  /** Whether stdin is read: piped, or `-` as the prompt. */
  readsStdin: boolean;
  /** The flags read so far; image and video sources are added to `images` / `videos`, as `--image` would. */
  flags: Map<string, SettingValue>;
  env: Record<string, string | undefined>;
}

/**
 * The first user turn of `ask` and `chat`: the arguments, stdin and the `-f` sources. The
 * loaders (src/context/, built apart as dist/context.cjs) are loaded only when `-f` is given;
 * what they skipped is one line on stderr. A source that cannot be used is a UsageError, before
 * anything is sent.
 */
export async function composeFirstTurn(args: readonly string[], turn: FirstTurn): Promise<string> {
  return (await composeFirstTurnParts(args, turn)).prompt;
}

/**
 * composeFirstTurn, and the same prompt as the chat attaches it: the text blocks (piped stdin's
 * block included) and the message after them, so that `attachedText(texts, message)` is `prompt`.
 */
export async function composeFirstTurnParts(args: readonly string[], {files, readsStdin, flags, env}: FirstTurn): Promise<{prompt: string; texts: readonly SourceText[]; message: string}> {
  if (files.length === 0) {
    const prompt = composePrompt(args, readsStdin ? await readStdinText() : undefined);
    return {prompt, texts: [], message: prompt};
  }
  if (files.includes('-') && args.length === 1 && args[0] === '-') throw new UsageError('-f - and the prompt "-" both read stdin; allowed: one of them');
  const loaded = await loadFileSources(files, env);
  const report = skippedReport(loaded.skipped);
  if (report) process.stderr.write(`${colorFor(process.stderr, env).yellow(`gemma: ${report}`)}\n`);
  addMediaFlags(flags, loaded);
  const piped = readsStdin && !files.includes('-') ? await readStdinText() : undefined;
  // Only images or video: the arguments or stdin must say what to do with them, as with --image.
  const prompt = composePrompt(args, piped, loaded.texts);
  if (loaded.texts.length === 0) return {prompt, texts: [], message: prompt};
  const dashOnly = args.length === 1 && args[0] === '-';
  const material = piped?.replace(/\s+$/, '') ?? '';
  const texts = material && !dashOnly ? [...loaded.texts, {name: 'stdin', text: material}] : loaded.texts;
  return {prompt, texts, message: dashOnly ? material : args.join(' ').trim()};
}

/** Images and videos among `-f` sources join `--image` / `--video`'s: they go with every turn. */
function addMediaFlags(flags: Map<string, SettingValue>, loaded: Pick<LoadedSources, 'images' | 'videos'>): void {
  for (const [name, paths] of [['images', loaded.images], ['videos', loaded.videos]] as const) {
    const given = flags.get(name);
    if (paths.length > 0) flags.set(name, [...(Array.isArray(given) ? given : []), ...paths]);
  }
}

/**
 * `gemma chat -f ...` with no prompt and nothing piped: the sources wait for the first message
 * typed, as `/file`'s do, instead of being sent on their own before the user has asked anything.
 * Each is loaded now, on its own (one attachment each, as `/file a b` makes), so that a refusal
 * is exit 2 before the chat starts; images and videos join the flags, as with a prompt.
 */
export async function loadFirstAttachments(files: readonly string[], {flags, env}: {flags: Map<string, SettingValue>; env: Record<string, string | undefined>}): Promise<LoadedAttachment[]> {
  const attachments: LoadedAttachment[] = [];
  for (const source of files) {
    const loaded = await loadFileSources([source], env);
    addMediaFlags(flags, loaded);
    attachments.push({attachment: {source, loaded: {texts: loaded.texts, images: [], videos: []}}, skipped: skippedReport(loaded.skipped)});
  }
  return attachments;
}

/** `-f` sources (and the chat's `/file`) loaded from the working directory, the loaders loaded on first use. */
export async function loadFileSources(files: readonly string[], env: Record<string, string | undefined>): Promise<LoadedSources> {
  const {loadSources} = await lazyImports.loadSources();
  return loadSources(files, {
    cwd: process.cwd(),
    readStdin: readStdinText,
    fetching: {
      useProxy: ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => Boolean(env[name])),
      loadUndici: lazyImports.undici,
      loadTurndown: lazyImports.turndown,
      userAgent: `gemma/${VERSION}`,
    },
  }).catch(sameErrorHere);
}

/**
 * dist/context.cjs is a bundle of its own, with its own copy of src/errors.ts: its UsageError is
 * made again from this bundle's class, so that the one handler knows it (exit 2, one line).
 */
function sameErrorHere(error: unknown): never {
  if (error instanceof Error && !(error instanceof UsageError) && (error as {exitCode?: unknown}).exitCode === ExitCode.usage) throw new UsageError(error.message);
  throw error;
}
