import type {RoleLayer} from '../config/resolve-settings.js';
import {ConfigError, UsageError} from '../errors.js';
import {lazyImports} from '../lazy-imports.js';
import {parseRole, type ParsedRole} from './parse-role.js';
import {findRoleText, roleLabel, unknownRole, type RoleText} from './role-files.js';
import {ROLE_KEY} from './role-key.js';

type Env = Record<string, string | undefined>;

/** Where the role in force was chosen. */
export type RoleOrigin = 'flag' | 'config' | 'chat';

const CHOSEN: Record<RoleOrigin, string> = {flag: 'chosen with --role', config: 'the default role (config key role)', chat: 'chosen with /role'};

/** The role's file and what it says; YAML is loaded here, on first use, not at start-up. */
export async function readRole(found: RoleText): Promise<ParsedRole> {
  const yaml = await lazyImports.yaml();
  return parseRole(found.text, roleLabel(found.name), yaml);
}

/** Where a role's file is, in words: `/home/me/.config/gemma/roles/code.md (over the built-in one)`. */
export function roleWhere(found: RoleText): string {
  if (found.path === undefined) return 'built in';
  return found.builtin ? `${found.path} (over the built-in one)` : found.path;
}

/**
 * The role layer of settings for `name`: its front matter's settings and its body as the system
 * prompt, with `whenPiped` added when stdout is no terminal. A role the config file names that is
 * gone or broken is a config problem (exit 3); one typed now is bad usage (exit 2).
 */
export async function loadRole(name: string, {env, origin, piped}: {env: Env; origin: RoleOrigin; piped: boolean}): Promise<RoleLayer> {
  const asConfig = (error: UsageError, hint: string): ConfigError => new ConfigError(`config key ${ROLE_KEY}: ${error.message}`, {hint});
  let found: RoleText | undefined;
  let parsed: ParsedRole;
  try {
    found = findRoleText(name, env);
    if (!found) throw unknownRole(name, env);
    parsed = await readRole(found);
  } catch (error) {
    if (origin === 'config' && error instanceof UsageError) {
      throw asConfig(error, found ? `fix it with \`gemma roles edit ${name}\`` : `\`gemma config set ${ROLE_KEY} <name>\` or \`gemma config unset ${ROLE_KEY}\``);
    }
    throw error;
  }
  const values = new Map(parsed.values);
  if (piped && parsed.whenPiped) {
    const prompt = values.get('systemPrompt');
    values.set('systemPrompt', typeof prompt === 'string' ? `${prompt}\n\n${parsed.whenPiped}` : parsed.whenPiped);
  }
  return {name, values, about: `${roleWhere(found)}, ${CHOSEN[origin]}`};
}

/** The role a command runs with: `--role NAME`, else the config file's `role`, else none. */
export async function chosenRole(flag: unknown, stored: Record<string, unknown>, {env, piped}: {env: Env; piped: boolean}): Promise<RoleLayer | undefined> {
  if (typeof flag === 'string') return loadRole(flag, {env, origin: 'flag', piped});
  const configured = stored[ROLE_KEY];
  if (configured === undefined) return undefined;
  if (typeof configured !== 'string') throw new ConfigError(`config key ${ROLE_KEY}: must be a role's name`, {hint: `\`gemma config unset ${ROLE_KEY}\``});
  return loadRole(configured, {env, origin: 'config', piped});
}
