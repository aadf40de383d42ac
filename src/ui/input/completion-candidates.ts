import {readdirSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {findSetting} from '../../settings/find-setting.js';
import type {SettingDef} from '../../settings/setting-types.js';

/** Where completions beyond the command list come from; each is asked only when the input calls for it. */
export interface CompletionSources {
  /** Stored sessions' names (or ids), for `/resume`. */
  sessionNames(): readonly string[];
  /** A folder's entries, for commands that take a path; `folder` is as typed, `~` expanded. */
  listFolder(folder: string): readonly {name: string; folder: boolean}[];
}

/** Commands whose argument is a file path. */
const PATH_COMMANDS = new Set(['/save', '/file']);
/** The most entries of one folder offered, so a huge folder does not stall a key. */
const MAX_ENTRIES = 500;

function listFolder(folder: string): {name: string; folder: boolean}[] {
  try {
    return readdirSync(folder, {withFileTypes: true})
      .slice(0, MAX_ENTRIES)
      .map((entry) => ({name: entry.name, folder: entry.isDirectory()}));
  } catch {
    // Not a folder, or not readable: nothing to offer.
    return [];
  }
}

export const LOCAL_SOURCES: CompletionSources = {sessionNames: () => [], listFolder};

/** `~/x` as the file system knows it; the input keeps the `~` the user typed. */
function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

function settingValues(def: SettingDef): readonly string[] {
  switch (def.kind.type) {
    case 'enum':
      return def.kind.values;
    case 'boolean':
      return ['true', 'false'];
    case 'number':
    case 'integer':
    case 'big-integer':
    case 'text':
    case 'url':
    case 'list':
      return [];
  }
}

function configurable(name: string): SettingDef | undefined {
  try {
    return findSetting(name, {configurable: true});
  } catch {
    return undefined;
  }
}

function pathCandidates(command: string, argument: string, sources: CompletionSources): string[] {
  const slash = argument.lastIndexOf('/');
  const folder = argument.slice(0, slash + 1);
  const start = argument.slice(slash + 1);
  const entries = sources.listFolder(folder === '' ? '.' : expandHome(folder));
  return entries
    // Hidden entries only when asked for, as shells do.
    .filter((entry) => entry.name.startsWith(start) && (start.startsWith('.') || !entry.name.startsWith('.')))
    .map((entry) => `${command} ${folder}${entry.name}${entry.folder ? '/' : ''}`)
    .sort();
}

/**
 * The whole lines Tab may complete `text` to: a setting's values after `/set NAME `, session
 * names after `/resume `, paths after a command that takes one, and otherwise `base` (the
 * commands, and setting names after `/set ` and `/unset `).
 */
export function completionCandidates(text: string, base: readonly string[], sources: CompletionSources): readonly string[] {
  const set = /^\/set\s+(\S+)\s+(\S*)$/.exec(text);
  if (set) {
    const def = configurable(set[1] ?? '');
    return def ? settingValues(def).map((value) => `/set ${set[1]} ${value}`) : [];
  }
  const argument = /^(\/\S+)\s+(\S*)$/.exec(text);
  const command = argument?.[1]?.toLowerCase();
  if (argument && command === '/resume') return sources.sessionNames().map((name) => `/resume ${name}`);
  if (argument && command && PATH_COMMANDS.has(command)) return pathCandidates(argument[1] ?? '', argument[2] ?? '', sources);
  // A whole command whose argument is completed here goes on to it: `/resume` gains its space.
  if (text === '/resume' || PATH_COMMANDS.has(text)) return [...base, `${text} `];
  return base;
}
