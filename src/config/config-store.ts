import {chmodSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import Conf from 'conf';
import {ConfigError} from '../errors.js';

export const CONFIG_FILE_NAME = 'config.json';

/** The persisted store: setting values under their table names, and `apiKey`. */
export interface ConfigStore {
  readonly path: string;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  all(): Record<string, unknown>;
}

/**
 * Opens the conf-backed store in `dir` (0700) with the file at 0600. A file that is not valid
 * JSON is never cleared silently: the user may have edited it by hand.
 */
export function openConfigStore(dir: string): ConfigStore {
  const path = join(dir, CONFIG_FILE_NAME);
  let conf: Conf<Record<string, unknown>>;
  try {
    mkdirSync(dir, {recursive: true, mode: 0o700});
    conf = new Conf<Record<string, unknown>>({
      cwd: dir,
      configName: 'config',
      projectName: 'gemma',
      configFileMode: 0o600,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
    });
  } catch (error) {
    const why = error instanceof SyntaxError ? 'is not valid JSON' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new ConfigError(`config file ${path} ${why}`, {
      cause: error,
      hint: 'fix it by hand, or move it away to start from defaults',
    });
  }
  const write = (action: () => void): void => {
    mkdirSync(dir, {recursive: true, mode: 0o700});
    action();
    // conf only applies the mode when it creates the file; keep it private after hand edits too.
    chmodSync(path, 0o600);
  };
  return {
    path,
    get: (key) => conf.get(key),
    set: (key, value) => write(() => conf.set(key, value)),
    delete: (key) => write(() => conf.delete(key)),
    all: () => ({...conf.store}),
  };
}
