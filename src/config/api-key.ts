import type {ConfigStore} from './config-store.js';

export const API_KEY_ENV = 'RUNWARE_API_KEY';

export interface ApiKeySource {
  key: string;
  /** 'env' or the config file's path. */
  from: 'env' | 'config';
}

/** The key from RUNWARE_API_KEY, else the config store; undefined when neither has one. */
export function findApiKey(env: Record<string, string | undefined>, store: () => ConfigStore): ApiKeySource | undefined {
  const fromEnv = env[API_KEY_ENV]?.trim();
  if (fromEnv) return {key: fromEnv, from: 'env'};
  const stored = store().get('apiKey');
  if (typeof stored === 'string' && stored.trim()) return {key: stored.trim(), from: 'config'};
  return undefined;
}

/** Only the last four characters, as `auth status` shows it. */
export function maskKey(key: string): string {
  return key.length <= 4 ? '****' : `****${key.slice(-4)}`;
}
