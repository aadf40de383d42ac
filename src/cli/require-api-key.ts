import {API_KEY_ENV, findApiKey} from '../config/api-key.js';
import {ConfigError} from '../errors.js';
import type {CliContext} from './cli-context.js';

/** The key, or exit 3 with how to set one. */
export function requireApiKey(context: CliContext): string {
  const found = findApiKey(context.env, context.store);
  if (!found) {
    throw new ConfigError('no API key', {hint: `set ${API_KEY_ENV}, or run \`gemma auth login\` (get a key at https://my.runware.ai/keys)`});
  }
  context.secrets.push(found.key);
  return found.key;
}
