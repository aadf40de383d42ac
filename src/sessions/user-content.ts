import {attachedText} from '../context/attached-text.js';
import type {SourceText} from '../context/load-sources.js';
import {ExitCode, GemmaError} from '../errors.js';
import type {AttachedFileRef, SessionEvent} from './session-events.js';

/** The text stored under a hash, or undefined when it is not there (blob-store.ts's readBlob, bound to a data folder). */
export type BlobReader = (sha256: string) => string | undefined;

/** What a user event sent: its files' blocks and its text, and the files whose content is not in the store. */
export interface UserContent {
  content: string;
  /** The attached files' texts, as their blocks hold them. */
  texts: SourceText[];
  missing: AttachedFileRef[];
}

/**
 * The message a user event sent, its attached files put back from the blob store. A file whose
 * blob is gone stands as a marked block (for `sessions show`); a resume refuses it instead
 * (missingFilesError), since it would not send what was sent.
 */
export function userContent(event: Extract<SessionEvent, {type: 'user'}>, readBlob: BlobReader): UserContent {
  const files = event.files ?? [];
  if (files.length === 0) return {content: event.text, texts: [], missing: []};
  const missing: AttachedFileRef[] = [];
  const texts = files.map((file) => {
    const text = readBlob(file.sha256);
    if (text === undefined) missing.push(file);
    return {name: file.name, text: text ?? `(content missing from the blob store: sha256 ${file.sha256})`};
  });
  return {content: attachedText(texts, event.text), texts, missing};
}

/** A resume that would not send what was sent: one line naming the session and the hash; nothing is sent. */
export function missingFilesError(session: string, missing: readonly AttachedFileRef[], blobsDir: string): GemmaError | undefined {
  const [first] = missing;
  if (!first) return undefined;
  const more = missing.length > 1 ? ` (and ${missing.length - 1} more)` : '';
  return new GemmaError(`session ${session}: the content of attached file ${first.name} (sha256 ${first.sha256}) is missing from ${blobsDir}${more}; nothing was sent`, ExitCode.failure);
}
