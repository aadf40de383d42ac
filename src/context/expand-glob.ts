import {isAbsolute} from 'node:path';
import {glob, isDynamicPattern} from 'tinyglobby';

/** Whether a source that names no existing path is a glob pattern (`src/*.ts`, `**\/*.md`). */
export function isGlob(source: string): boolean {
  return isDynamicPattern(source);
}

/**
 * The files a quoted glob matches, as the shell would expand it but for hidden files (`*` does
 * not match a leading dot, as in bash) and anything in `.git/` or `node_modules/`. .gitignore is
 * not applied: a pattern is as deliberate as a list of paths. Names are relative to `cwd` unless
 * the pattern is absolute; sorted by path.
 */
export async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const files = await glob(pattern, {
    cwd,
    absolute: isAbsolute(pattern),
    onlyFiles: true,
    expandDirectories: false,
    ignore: ['**/node_modules/**', '**/.git/**'],
  });
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
