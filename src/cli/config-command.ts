import type {Command} from 'commander';
import {displayUrl} from '../api/display-url.js';
import {resolveSettings} from '../config/resolve-settings.js';
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
      const def = findSetting(key, {configurable: true});
      const store = context.store();
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
      const def = findSetting(key, {configurable: true});
      const store = context.store();
      await store.delete(def.name);
      process.stderr.write(`${def.name} removed from ${store.path}\n`);
    });

  config
    .command('list')
    .description('every setting with its effective value and where it came from')
    .action(() => {
      const store = context.store();
      const resolved = resolveSettings({env: context.env, stored: store.all(), storedPath: store.path});
      const rows = SETTINGS.filter((def) => !def.flagOnly).map((def) => {
        const {value, source} = showSetting(resolved.get(def.name), STYLE);
        return [def.name, value, source] as const;
      });
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
