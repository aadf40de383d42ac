import {homedir} from 'node:os';
import {join, resolve} from 'node:path';
import type {ChatMessage} from '../api/types.js';
import {UsageError} from '../errors.js';
import {fileErrorReason} from '../format/file-error.js';
import {writeFileAtomic} from '../fs/write-file-atomic.js';
import {messagesMarkdown} from '../sessions/transcript-markdown.js';
import {modelIdFor} from '../settings/model-id.js';
import type {ResolvedSettings} from '../settings/resolved-settings.js';

/** `~` and `~/...` as a shell would expand them: the chat's line is not seen by one. */
function expandHome(file: string): string {
  if (file === '~') return homedir();
  return file.startsWith('~/') ? join(homedir(), file.slice(2)) : file;
}

/** Writes the conversation as Markdown or JSON, through a temporary file so it is never torn. */
export function saveTranscript(file: string, messages: ChatMessage[], settings: ResolvedSettings): string {
  const path = resolve(expandHome(file));
  const model = modelIdFor(settings.string('model') ?? '');
  let body: string;
  if (path.endsWith('.json')) {
    const system = settings.string('systemPrompt');
    body = `${JSON.stringify({model, ...(system === undefined ? {} : {systemPrompt: system}), messages}, null, 2)}\n`;
  } else if (path.endsWith('.md')) {
    body = messagesMarkdown(messages);
  } else {
    throw new UsageError(`/save: "${file}" must end in .md or .json`);
  }
  try {
    writeFileAtomic(path, body);
  } catch (error) {
    throw new UsageError(`/save: cannot write ${path}: ${fileErrorReason(error)}`);
  }
  return path;
}
