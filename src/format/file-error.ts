/**
 * Why a file could not be read or written, in words: a user reads `permission denied`, not
 * `EACCES`. One table for /save, the session file and any other file the chat touches.
 */
const FILE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EEXIST: 'it already exists',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EFBIG: 'file too large',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many files open',
  ENFILE: 'too many files open',
  EBUSY: 'the file is busy',
  EXDEV: 'it is on another disk',
  EIO: 'input/output error',
  EBADF: 'the file is no longer open',
};

/** The reason of a failed file operation: the table's words, else Node's message without its code and path. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const known = code === undefined ? undefined : FILE_ERRORS[code];
  if (known) return known;
  if (!(error instanceof Error)) return 'an unknown error';
  // `EXYZ: something went wrong, open '/the/path'`: the words in the middle.
  const words = error.message.replace(/^[A-Z0-9_]+: /, '').replace(/, \w+ '.*'$/s, '').trim();
  return words === '' || /^[A-Z0-9_]+$/.test(words) ? 'an unknown error' : words;
}
