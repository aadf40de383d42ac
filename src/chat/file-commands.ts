import type {LoadedSources, SourceText} from '../context/load-sources.js';
import {skippedReport} from '../context/skipped-report.js';
import {ALLOWED_IN_CHAT, ALLOWED_SOURCES} from '../context/source-limits.js';
import {UsageError} from '../errors.js';
import {attachmentsReport, attachmentSummary, resolveMentions, type Attachment, type TurnFiles} from './attachments.js';
import type {ChatCommand} from './chat-command.js';
import type {ChatSession} from './chat-session.js';
import {splitArgs} from './split-args.js';

const NO_STDIN = `/file -: stdin is not there to read in a chat; ${ALLOWED_IN_CHAT}`;

/** One source loaded: the attachment, and the line saying what its directory or glob skipped. */
export interface LoadedAttachment {
  attachment: Attachment;
  skipped: string | undefined;
}

/**
 * Attaches one loaded source to the next message and says so, with what its directory or glob
 * skipped under that line; a source that brought no text (images go to the flags) only warns.
 */
export function attachLoaded(chat: ChatSession, {attachment, skipped}: LoadedAttachment): void {
  const {texts, images, videos} = attachment.loaded;
  if (texts.length + images.length + videos.length > 0) {
    chat.attachments.add(attachment);
    chat.notice(`attached ${attachmentSummary(attachment)}; it goes with your next message`);
  }
  // Under the line of the directory or glob it is about, not above the lines of the sources before it.
  if (skipped) chat.notice(skipped, 'warning');
}

/**
 * Loads sources as `-f` does, each one attachment. The loader's refusals name the flag
 * (`-f "x": is binary`) and say what `-f` takes: here they name what the user typed, and what a
 * chat takes (not `-`). Nothing is attached when one fails.
 */
async function loadAttachments(chat: ChatSession, sources: readonly string[], by: (source: string) => string): Promise<LoadedAttachment[]> {
  const files = chat.files;
  if (!files) throw new UsageError(`${by(sources[0] ?? '')}: files cannot be attached in this chat`);
  const attachments: LoadedAttachment[] = [];
  for (const source of sources) {
    let loaded: LoadedSources;
    try {
      loaded = await files.load([source]);
    } catch (error) {
      if (error instanceof UsageError) throw new UsageError(error.message.replace(/^-f "(?:[^"\\]|\\.)*"/, by(source)).replace(ALLOWED_SOURCES, ALLOWED_IN_CHAT));
      throw error;
    }
    attachments.push({attachment: {source, loaded}, skipped: skippedReport(loaded.skipped)});
  }
  return attachments;
}

/** A typed message with its `@path` files attached (`\@` keeps a literal `@`); the text to send. */
export async function attachMentions(chat: ChatSession, message: string): Promise<string> {
  if (!message.includes('@') || !chat.files) return message;
  const {text, paths} = resolveMentions(message, chat.files.cwd);
  const before = chat.attachments.list().length;
  try {
    for (const {attachment} of await loadAttachments(chat, paths, (source) => `@${source}`)) chat.attachments.add(attachment);
  } catch (error) {
    // The message is not sent: none of its @files stay attached either (nothing said they were).
    while (chat.attachments.list().length > before) chat.attachments.drop(chat.attachments.list().length);
    throw error;
  }
  return text;
}

/**
 * The first message of `chat -f ... "text"`: its `@path` words attach their files, after the
 * `-f` ones, as in a typed message (a file named both ways is sent once, as `-f`'s).
 */
export async function firstMessage(chat: ChatSession, message: string, files: readonly SourceText[]): Promise<{text: string; files: TurnFiles}> {
  const text = await attachMentions(chat, message);
  const mentioned = chat.attachments.take();
  return {text, files: {...mentioned, texts: [...files, ...mentioned.texts.filter((file) => !files.some((given) => given.name === file.name))]}};
}

export const FILE_COMMANDS: readonly ChatCommand[] = [
  {name: 'file', usage: '/file <path|dir|glob|url>', help: 'attach a file (or a folder, glob, URL) to your next message', run: async (chat, rest) => {
    const sources = splitArgs(rest);
    if (sources.length === 0) throw new UsageError('/file needs a path, a directory, a quoted glob or an http(s) URL');
    if (sources.includes('-')) throw new UsageError(NO_STDIN);
    for (const loaded of await loadAttachments(chat, sources, (source) => `/file "${source}"`)) attachLoaded(chat, loaded);
  }},
  {name: 'files', usage: '/files', help: 'list what is attached to your next message', run: (chat) => {
    chat.notice(attachmentsReport(chat.attachments.list()));
  }},
  {name: 'drop', usage: '/drop [n]', help: 'detach attachment n (see /files), or all of them', run: (chat, rest) => {
    const arg = rest.trim();
    if (arg !== '' && !/^\d+$/.test(arg)) throw new UsageError(`/drop ${arg}: not a number; allowed: /drop, or /drop N with N from /files`);
    if (chat.attachments.list().length === 0) return chat.notice('nothing is attached');
    const dropped = chat.attachments.drop(arg === '' ? undefined : Number(arg));
    chat.notice(dropped.length === 1 ? `detached ${dropped[0]?.source}` : `detached all ${dropped.length} attachments`);
  }},
];
