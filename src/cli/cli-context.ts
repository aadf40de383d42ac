import {configDir} from '../config/config-paths.js';
import {openConfigStore, type ConfigStore} from '../config/config-store.js';

export type Env = Record<string, string | undefined>;

/** What every command needs from the process, opened lazily so nothing is read at import time. */
export interface CliContext {
  env: Env;
  store(): ConfigStore;
  /** Secrets seen so far (the key), scrubbed from any error line. */
  secrets: string[];
}

export function createCliContext(env: Env): CliContext {
  let store: ConfigStore | undefined;
  return {
    env,
    secrets: [],
    store: () => (store ??= openConfigStore(configDir(env))),
  };
}
