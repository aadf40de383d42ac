import envPaths from 'env-paths';
import {join} from 'node:path';
import {dataDir} from '../config/config-paths.js';
import {UsageError} from '../errors.js';
import {allRoleNames} from '../roles/role-files.js';
import {sessionNames} from './session-names.js';

type Env = Record<string, string | undefined>;

/** What the completion scripts ask `gemma __complete KIND` for: the names only gemma can list. */
export const DYNAMIC_KINDS = ['roles', 'sessions'] as const;
export type DynamicKind = (typeof DYNAMIC_KINDS)[number];

/** Where the session-name cache lives: beside the code cache (GEMMA_CACHE_DIR, else the platform's). */
function namesCacheFile(env: Env): string {
  return join(env.GEMMA_CACHE_DIR || envPaths('gemma', {suffix: ''}).cache, 'session-names.json');
}

/** The words for a dynamic kind, one per line in the output; a kind not known is bad usage. */
export function completeWords(args: readonly string[], env: Env): string[] {
  const kind = args[0] ?? '';
  switch (kind) {
    case 'roles':
      return allRoleNames(env);
    case 'sessions':
      return sessionNames(dataDir(env), namesCacheFile(env)).sort();
    default:
      throw new UsageError(`__complete: ${kind === '' ? 'no kind given' : `unknown kind "${kind}"`}; allowed: ${DYNAMIC_KINDS.join(' or ')}`);
  }
}
