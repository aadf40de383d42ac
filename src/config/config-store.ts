import {chmodSync, mkdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {ConfigError} from '../errors.js';
import {lazyImports} from '../lazy-imports.js';

export const CONFIG_FILE_NAME = 'config.json';

/** The persisted store: setting values under their table names, and `apiKey`. */
export interface ConfigStore {
  readonly path: string;
  get(key: string): unknown;
  all(): Record<string, unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

function unreadable(path: string, error: unknown): ConfigError {
  const why = error instanceof SyntaxError ? 'is not valid JSON' : error === 'shape' ? 'does not hold a JSON object' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  return new ConfigError(`config file ${path} ${why}`, {cause: error, hint: 'fix it by hand, or move it away to start from defaults'});
}

/** The file as it is now: `{}` when it does not exist; never cleared when it is broken. */
function readStore(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw unreadable(path, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw unreadable(path, error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw unreadable(path, 'shape');
  return parsed as Record<string, unknown>;
}

/**
 * The config file in `dir` (0700), the file at 0600. Reading is a plain JSON read, so commands
 * that only read (every `ask`) never load conf and its schema validator; writes go through conf,
 * which writes atomically. A file that is not valid JSON is never cleared silently.
 */
export function openConfigStore(dir: string): ConfigStore {
  const path = join(dir, CONFIG_FILE_NAME);
  let cached: Record<string, unknown> | undefined;
  const all = (): Record<string, unknown> => ({...(cached ??= readStore(path))});
  const write = async (change: (conf: {set(key: string, value: unknown): void; delete(key: string): void}) => void): Promise<void> => {
    readStore(path);
    mkdirSync(dir, {recursive: true, mode: 0o700});
    const {default: Conf} = await lazyImports.conf();
    const conf = new Conf<Record<string, unknown>>({
      cwd: dir,
      configName: 'config',
      projectName: 'gemma',
      configFileMode: 0o600,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
    });
    change(conf);
    // conf applies the mode only when it creates the file; keep it private after hand edits too.
    chmodSync(path, 0o600);
    cached = undefined;
  };
  return {
    path,
    get: (key) => all()[key],
    all,
    set: (key, value) => write((conf) => conf.set(key, value)),
    delete: (key) => write((conf) => conf.delete(key)),
  };
}
