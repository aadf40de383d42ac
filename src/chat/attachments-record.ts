import {attachedText} from '../context/attached-text.js';
import {fileErrorReason} from '../format/file-error.js';
import {storeBlob} from '../sessions/blob-store.js';
import type {SessionEvent} from '../sessions/session-events.js';
import type {TurnFiles} from './attachments.js';
import type {EntryFile} from './chat-types.js';

type UserEvent = Omit<Extract<SessionEvent, {type: 'user'}>, 'at'>;

/**
 * The session line of a message with files: the text typed and each file by its content's hash,
 * the content stored once in the data folder's blob store (a file attached on every turn is one
 * blob). Without a data folder to store into, or when storing fails (said in a warning: the turn
 * goes on), the line holds the whole message sent instead: a resume still sends the same.
 */
export function userEventFor(text: string, files: TurnFiles, dataDir: string | undefined, warn: (text: string) => void): UserEvent {
  if (files.texts.length === 0) return {type: 'user', text};
  if (dataDir !== undefined) {
    try {
      return {type: 'user', text, files: files.texts.map((file) => ({name: file.name, sha256: storeBlob(dataDir, file.text)}))};
    } catch (error) {
      warn(`could not store the attached files in ${dataDir} (${fileErrorReason(error)}); the session records them in full`);
    }
  }
  return {type: 'user', text: attachedText(files.texts, text)};
}

/** How the transcript shows a message's attachments: one collapsed line each. */
export function entryFiles(files: TurnFiles): EntryFile[] {
  return [
    ...files.texts.map((file): EntryFile => ({kind: 'file', name: file.name, text: file.text})),
    ...files.images.map((name): EntryFile => ({kind: 'image', name})),
    ...files.videos.map((name): EntryFile => ({kind: 'video', name})),
  ];
}
