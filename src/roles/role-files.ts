import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {configDir} from '../config/config-paths.js';
import {UsageError} from '../errors.js';
import {editDistance} from '../settings/find-setting.js';
import {BUILTIN_ROLES} from './builtin-roles.js';

type Env = Record<string, string | undefined>;

/** A role's name is its file's name: no path separators, no leading dot, so it stays inside roles/. */
const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Where the user's roles live: `<config>/roles`. */
export function rolesDir(env: Env): string {
  return join(configDir(env), 'roles');
}

/** The file a role of this name is (or would be) in. */
export function roleFile(name: string, env: Env): string {
  return join(rolesDir(env), `${checkRoleName(name)}.md`);
}

/** How errors name the file: relative to the config folder, as `roles/code.md`. */
export function roleLabel(name: string): string {
  return `roles/${name}.md`;
}

export function checkRoleName(name: string): string {
  if (!ROLE_NAME.test(name)) {
    throw new UsageError(`role name "${name}" is not usable; allowed: letters, digits, ".", "_" and "-", up to 64, starting with a letter or digit`);
  }
  return name;
}

/** A role's text and where it is: the user's file, which wins over a built-in role of the same name. */
export interface RoleText {
  name: string;
  text: string;
  /** The user's file; undefined for a built-in role. */
  path: string | undefined;
  /** A built-in role of this name exists (overridden when `path` is set). */
  builtin: boolean;
}

function readUserFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${path} (${code ?? 'error'})`);
  }
}

/** The role of this name, or undefined when there is none. */
export function findRoleText(name: string, env: Env): RoleText | undefined {
  const path = roleFile(name, env);
  const builtin = Object.hasOwn(BUILTIN_ROLES, name);
  const text = readUserFile(path);
  if (text !== undefined) return {name, text, path, builtin};
  return builtin ? {name, text: BUILTIN_ROLES[name] ?? '', path: undefined, builtin} : undefined;
}

/** The names of the user's role files, sorted. */
function userRoleNames(env: Env): string[] {
  let names: string[];
  try {
    names = readdirSync(rolesDir(env));
  } catch {
    return [];
  }
  return names.filter((file) => file.endsWith('.md') && ROLE_NAME.test(file.slice(0, -3))).map((file) => file.slice(0, -3)).sort();
}

/** Every role, built-in and the user's, by name. */
export function allRoleNames(env: Env): string[] {
  return [...new Set([...Object.keys(BUILTIN_ROLES), ...userRoleNames(env)])].sort();
}

/** The one role a mistyped name is a few edits from (or the start of); none when two are as close. */
function closestRole(typed: string, names: readonly string[]): string | undefined {
  const allowed = Math.min(3, Math.max(1, Math.floor(typed.length / 4)));
  let best: {name: string | undefined; distance: number} = {name: undefined, distance: allowed + 1};
  for (const name of names) {
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (distance < best.distance) best = {name, distance};
    else if (distance === best.distance) best = {name: undefined, distance};
  }
  if (best.distance <= allowed) return best.name;
  const started = names.filter((name) => name.startsWith(typed));
  return started.length === 1 ? started[0] : undefined;
}

/** `unknown role "cod": did you mean code? (roles live in <dir>; gemma roles list)`. */
export function unknownRole(name: string, env: Env): UsageError {
  const closest = closestRole(name, allRoleNames(env));
  return new UsageError(`unknown role "${name}"${closest ? `: did you mean ${closest}?` : ''} (roles live in ${rolesDir(env)}; gemma roles list)`);
}

/** The role of this name; an unknown one is a UsageError with the closest name. */
export function requireRoleText(name: string, env: Env): RoleText {
  const found = findRoleText(name, env);
  if (!found) throw unknownRole(name, env);
  return found;
}
