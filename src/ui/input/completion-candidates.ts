import {readdirSync} from 'node:fs';
import {findSetting} from '../../settings/find-setting.js';
import type {SettingDef} from '../../settings/setting-types.js';
import {completeInput, type Completion} from './complete-input.js';
import {completePath, type FolderEntry} from './complete-path.js';

/** Where completions beyond the command list come from; each is asked only when the input calls for it. */
export interface CompletionSources {
  /** Stored sessions' names (or ids), for `/resume`. */
  sessionNames(): readonly string[];
  /** A folder's entries, for commands that take a path; `folder` is as typed, `~` expanded. */
  listFolder(folder: string): readonly FolderEntry[];
}

/** Commands whose argument is a file path. */
const PATH_COMMANDS = new Set(['/save', '/file']);
/** The most entries of one folder offered, so a huge folder does not stall a key. */
const MAX_ENTRIES = 500;

function listFolder(folder: string): FolderEntry[] {
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

/**
 * The whole lines Tab may complete `text` to: a setting's values after `/set NAME `, session
 * names after `/resume `, and otherwise `base` (the commands, and setting names after `/set `
 * and `/unset `).
 */
function completionCandidates(text: string, base: readonly string[], sources: CompletionSources): readonly string[] {
  const set = /^\/set\s+(\S+)\s+(\S*)$/.exec(text);
  if (set) {
    const def = configurable(set[1] ?? '');
    return def ? settingValues(def).map((value) => `/set ${set[1]} ${value}`) : [];
  }
  const argument = /^(\/\S+)\s+(\S*)$/.exec(text);
  const command = argument?.[1]?.toLowerCase();
  if (argument && command === '/resume') return sources.sessionNames().map((name) => `/resume ${name}`);
  // A whole command whose argument is completed here goes on to it: `/resume` gains its space.
  if (text === '/resume' || PATH_COMMANDS.has(text)) return [...base, `${text} `];
  return base;
}

/**
 * What Tab makes of `text`: a path command's argument is the rest of the line, completed as a
 * path (names with spaces whole, quoted); anything else word by word against the candidates.
 */
export function completeLine(text: string, base: readonly string[], sources: CompletionSources): Completion | undefined {
  const path = /^(\/\S+)\s+([\s\S]*)$/.exec(text);
  const command = path?.[1] ?? '';
  if (path && PATH_COMMANDS.has(command.toLowerCase())) return completePath(text, command, path[2] ?? '', (folder) => sources.listFolder(folder));
  return completeInput(text, completionCandidates(text, base, sources));
}
