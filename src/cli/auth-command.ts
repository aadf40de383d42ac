import type {Command} from 'commander';
import {API_KEY_ENV, findApiKey, maskKey} from '../config/api-key.js';
import {ConfigError, UsageError} from '../errors.js';
import type {CliContext} from './cli-context.js';
import {readSecret} from './read-secret.js';
import {readStdinText} from './read-stdin.js';

export function addAuthCommand(program: Command, context: CliContext): void {
  const auth = program.command('auth').description('store, check or remove the Runware API key');

  auth
    .command('login')
    .description('store a key: typed hidden at a terminal, or read from stdin in scripts')
    .action(async () => {
      const key = (process.stdin.isTTY ? await readSecret('Runware API key (input hidden): ') : await readStdinText()).trim();
      if (!key) throw new UsageError('no key given; allowed: a Runware API key, typed or on stdin');
      if (/\s/.test(key)) throw new UsageError('the key contains spaces; allowed: a single Runware API key');
      const store = context.store();
      await store.set('apiKey', key);
      process.stderr.write(`key ${maskKey(key)} saved in ${store.path}\n`);
      if (context.env[API_KEY_ENV]) process.stderr.write(`note: ${API_KEY_ENV} is set and takes precedence over the stored key\n`);
    });

  auth
    .command('status')
    .description('say where the key comes from (only its last four characters are shown)')
    .action(() => {
      const found = findApiKey(context.env, context.store);
      if (!found) throw new ConfigError('no API key', {hint: `set ${API_KEY_ENV}, or run \`gemma auth login\``});
      const where = found.from === 'env' ? `the ${API_KEY_ENV} environment variable` : context.store().path;
      process.stdout.write(`key ${maskKey(found.key)} from ${where}\n`);
    });

  auth
    .command('logout')
    .description('remove the stored key')
    .action(async () => {
      const store = context.store();
      const had = typeof store.get('apiKey') === 'string';
      await store.delete('apiKey');
      process.stderr.write(had ? `key removed from ${store.path}\n` : `no key was stored in ${store.path}\n`);
      if (context.env[API_KEY_ENV]) process.stderr.write(`note: ${API_KEY_ENV} is still set in this environment\n`);
    });
}
