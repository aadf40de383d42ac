import type {Command} from 'commander';
import {displayUrl} from '../api/display-url.js';
import {resolveSettings} from '../config/resolve-settings.js';
import {ROLE_KEY} from '../roles/role-key.js';
import {findSetting} from '../settings/find-setting.js';
import {parseSettingValues} from '../settings/parse-setting-value.js';
import {SETTINGS} from '../settings/settings-table.js';
import {showSetting, showValue, type ShowStyle} from '../settings/show-setting.js';
import type {CliContext} from './cli-context.js';

const STYLE: ShowStyle = {separator: ', '};

export function addConfigCommand(program: Command, context: CliContext): void {
  const config = program
    .command('config')
    .description('read and change the config file (keys are the settings\' names; see docs/settings.md)');

  config
    .command('set')
    .description('store a setting, validated like its flag (lists take several values)')
    .argument('<key>', 'a setting name, e.g. temperature or max-tokens')
    .argument('<values...>', 'the value (several for a list, e.g. stopSequences)')
    .action(async (key: string, values: string[]) => {
      if (key === ROLE_KEY && values.length === 1) return (await import('./run-roles.js')).setDefaultRole(values[0] ?? '', context);
      const def = findSetting(key, {configurable: true});
      const value = parseSettingValues(def, values, def.name);
      const store = context.store();
      await store.set(def.name, value);
      process.stderr.write(`${def.name} = ${showValue(value, STYLE)} (saved in ${store.path})\n`);
    });

  config
    .command('get')
    .description('print the effective value of a setting (env > config > default)')
    .argument('<key>')
    .action((key: string) => {
      const store = context.store();
      if (key === ROLE_KEY) {
        const role = store.get(ROLE_KEY);
        if (typeof role === 'string') process.stdout.write(`${role}\n`);
        else process.stderr.write(`${ROLE_KEY} is not set\n`);
        return;
      }
      const def = findSetting(key, {configurable: true});
      const entry = resolveSettings({env: context.env, stored: store.all(), storedPath: store.path}).get(def.name);
      if (!entry) {
        process.stderr.write(`${def.name} is not set\n`);
        return;
      }
      const lines = (Array.isArray(entry.value) ? entry.value : [String(entry.value)]).map(displayUrl);
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  config
    .command('unset')
    .description('remove a setting from the config file')
    .argument('<key>')
    .action(async (key: string) => {
      const name = key === ROLE_KEY ? ROLE_KEY : findSetting(key, {configurable: true}).name;
      const store = context.store();
      await store.delete(name);
      process.stderr.write(`${name} removed from ${store.path}\n`);
    });

  config
    .command('list')
    .description('every setting with its effective value and where it came from')
    .action(async () => {
      const store = context.store();
      // Loaded only for a default role: the role reader brings the lazy loaders (YAML) with it.
      const role = store.get(ROLE_KEY) === undefined ? undefined : await (await import('../roles/load-role.js')).chosenRole(undefined, store.all(), {env: context.env, piped: false});
      const resolved = resolveSettings({env: context.env, stored: store.all(), storedPath: store.path, ...(role ? {role} : {})});
      const rows: (readonly [string, string, string])[] = SETTINGS.filter((def) => !def.flagOnly).map((def) => {
        const {value, source} = showSetting(resolved.get(def.name), STYLE);
        return [def.name, value, source] as const;
      });
      // The default role is a config key of its own: it chooses settings rather than being one.
      if (role) rows.push([ROLE_KEY, role.name, 'config']);
      const width = Math.max(...rows.map(([name]) => name.length));
      const valueWidth = Math.min(40, Math.max(...rows.map(([, value]) => value.length)));
      for (const [name, value, source] of rows) {
        process.stdout.write(`${name.padEnd(width)}  ${value.padEnd(valueWidth)}  ${source}\n`);
      }
    });

  config
    .command('path')
    .description('print where the config file lives')
    .action(() => {
      process.stdout.write(`${context.store().path}\n`);
    });
}
