import envPaths from 'env-paths';

type Env = Record<string, string | undefined>;

/** The config folder: GEMMA_CONFIG_DIR, else the platform's (e.g. ~/.config/gemma). */
export function configDir(env: Env): string {
  return env.GEMMA_CONFIG_DIR || envPaths('gemma', {suffix: ''}).config;
}

/** The data folder (sessions, input history): GEMMA_DATA_DIR, else the platform's. */
export function dataDir(env: Env): string {
  return env.GEMMA_DATA_DIR || envPaths('gemma', {suffix: ''}).data;
}
