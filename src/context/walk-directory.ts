import {existsSync, promises as fsPromises} from 'node:fs';
import {dirname, join, normalize, relative, resolve, sep} from 'node:path';
import ignore, {type Ignore} from 'ignore';

/** Never walked, whatever the ignore files say: history and installed packages are not context. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** The rules of one .gitignore, which speak of paths relative to its folder. */
interface IgnoreFile {
  base: string;
  rules: Ignore;
}

export interface DirectoryListing {
  /** The files to send, as `dir` (as given) joined with their path inside it, sorted by that path. */
  files: string[];
  /** Symbolic links to directories, not followed (a link can loop); named like files. */
  linkedDirectories: string[];
}

/**
 * The files under `dir`, recursively, that git would not ignore: the .gitignore files of the
 * walked tree (the root's and nested ones, each for the paths below it, a deeper one able to
 * re-include with `!`) and, inside a repository, those of the folders above it up to the
 * repository's root. A directory the user names is walked even if those folders' rules ignore it
 * (naming it says they want it). Sorted by path (code points, so the same on every machine).
 */
export async function walkDirectory(dir: string, cwd: string): Promise<DirectoryListing> {
  const listing: DirectoryListing = {files: [], linkedDirectories: []};
  const root = resolve(cwd, dir);
  const above = await ancestorIgnoreFiles(root);
  const useAbove = !isIgnored(above, root, true);
  await walk(root, normalize(dir), useAbove ? above : [], listing);
  const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  listing.files.sort(byPath);
  listing.linkedDirectories.sort(byPath);
  return listing;
}

async function walk(absolute: string, named: string, inherited: readonly IgnoreFile[], listing: DirectoryListing): Promise<void> {
  const own = await readIgnoreFile(absolute);
  const rules = own ? [...inherited, own] : inherited;
  const entries = await fsPromises.readdir(absolute, {withFileTypes: true});
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const path = join(absolute, entry.name);
    const name = join(named, entry.name);
    let isDirectory = entry.isDirectory();
    let isLink = false;
    if (entry.isSymbolicLink()) {
      const target = await fsPromises.stat(path).catch(() => undefined);
      if (!target) continue; // a dangling link: nothing to read
      isDirectory = target.isDirectory();
      isLink = true;
    }
    if (isIgnored(rules, path, isDirectory)) continue;
    if (isDirectory && isLink) listing.linkedDirectories.push(name);
    else if (isDirectory) await walk(path, name, rules, listing);
    else if (entry.isFile() || isLink) listing.files.push(name);
  }
}

/** Git's answer for one path: the deepest file with a rule on it decides. */
function isIgnored(files: readonly IgnoreFile[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const {base, rules} of files) {
    const inside = relative(base, path);
    if (!inside || inside.startsWith('..')) continue;
    const result = rules.test(inside.split(sep).join('/') + (isDirectory ? '/' : ''));
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

async function readIgnoreFile(dir: string): Promise<IgnoreFile | undefined> {
  const text = await fsPromises.readFile(join(dir, '.gitignore'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : {base: dir, rules: ignore().add(text)};
}

/** The .gitignore files of the folders above `root`, outermost first, when `root` is inside a repository. */
async function ancestorIgnoreFiles(root: string): Promise<IgnoreFile[]> {
  if (existsSync(join(root, '.git'))) return [];
  const folders: string[] = [];
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    folders.unshift(dir);
    if (existsSync(join(dir, '.git'))) break;
    if (dirname(dir) === dir) return []; // no repository above
  }
  const files = await Promise.all(folders.map(readIgnoreFile));
  return files.filter((file): file is IgnoreFile => file !== undefined);
}
