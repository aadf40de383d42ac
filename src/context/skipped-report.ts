import {terminalSafe} from '../text/terminal-safe.js';

/** A file a directory or glob held that is not sent, and why (`binary`, `over 256 kB`, `image`). */
export interface SkippedFile {
  name: string;
  reason: string;
}

/** The list stops growing past this many characters: one line, however many were skipped. */
const MAX_LIST_CHARS = 160;

/**
 * The one stderr line for everything skipped: `skipped 3 files: dist/app.js (over 256 kB),
 * logo.png (image), and 1 more`. File names are shown inert (a name may hold an ESC).
 */
export function skippedReport(skipped: readonly SkippedFile[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const shown: string[] = [];
  let length = 0;
  for (const {name, reason} of skipped) {
    // A name may hold a newline too: shown as ^J, so the list stays the one line it is said to be.
    const item = `${terminalSafe(name).replaceAll('\n', '^J')} (${reason})`;
    if (shown.length > 0 && length + item.length > MAX_LIST_CHARS) break;
    shown.push(item);
    length += item.length + 2;
  }
  const more = skipped.length - shown.length;
  const count = `${skipped.length} ${skipped.length === 1 ? 'file' : 'files'}`;
  return `skipped ${count}: ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}
