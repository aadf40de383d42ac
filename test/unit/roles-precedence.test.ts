import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {settingsReport} from '../../src/chat/settings-report.js';
import {resolveSettings, type RoleLayer} from '../../src/config/resolve-settings.js';
import {ConfigError, ExitCode, UsageError} from '../../src/errors.js';
import {BUILTIN_ROLES} from '../../src/roles/builtin-roles.js';
import {chosenRole, loadRole} from '../../src/roles/load-role.js';
import {allRoleNames, findRoleText, unknownRole} from '../../src/roles/role-files.js';
import {findSetting} from '../../src/settings/find-setting.js';
import {showSetting, sourceInWords} from '../../src/settings/show-setting.js';

const role: RoleLayer = {name: 'rev', values: new Map<string, string | number>([['temperature', 0.4], ['topK', 5], ['maxTokens', 100], ['topP', 0.5]]), about: 'test'};

describe('the role layer', () => {
  it('sits between the flags and the environment: flag > role > env > config > default', () => {
    const settings = resolveSettings({
      flags: new Map([['topK', 9]]),
      role,
      env: {GEMMA_MAX_TOKENS: '50', GEMMA_TEMPERATURE: '1.5', GEMMA_SEED: '7'},
      stored: {temperature: 0.1, minP: 0.2, topP: 0.9},
    });
    expect(settings.get('topK')).toEqual({value: 9, source: 'flag'});
    expect(settings.get('temperature')).toEqual({value: 0.4, source: 'role', role: 'rev'});
    expect(settings.get('maxTokens')).toEqual({value: 100, source: 'role', role: 'rev'});
    expect(settings.get('topP')).toEqual({value: 0.5, source: 'role', role: 'rev'});
    expect(settings.get('seed')).toEqual({value: '7', source: 'env'});
    expect(settings.get('minP')).toEqual({value: 0.2, source: 'config'});
    expect(settings.get('thinkingLevel')).toEqual({value: 'high', source: 'default'});
  });

  it('is outranked by /set in a chat', () => {
    const settings = resolveSettings({session: new Map([['temperature', 1]]), role});
    expect(settings.get('temperature')).toEqual({value: 1, source: 'session'});
  });

  it('is named as `role NAME` in config list and /settings, and in words by /set NAME', () => {
    const settings = resolveSettings({role});
    expect(showSetting(settings.get('temperature'), {separator: ', '})).toEqual({value: '0.4', source: 'role rev'});
    expect(settingsReport(settings)).toMatch(/^temperature +0\.4 +role rev$/m);
    expect(settingsReport(settings)).toMatch(/^minP +0 +default$/m);
    expect(sourceInWords(findSetting('temperature'), settings.get('temperature')!)).toBe('from role rev');
  });
});

/** A config folder of its own, with these role files. */
function home(files: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'gemma-roles-'));
  mkdirSync(join(dir, 'roles'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'roles', name), text);
  return {GEMMA_CONFIG_DIR: dir};
}

describe('built-in roles and the user\'s', () => {
  it('ships code, commit, explain and shell, each readable', async () => {
    const env = home();
    expect(allRoleNames(env)).toEqual(['code', 'commit', 'explain', 'shell']);
    for (const name of allRoleNames(env)) {
      const layer = await loadRole(name, {env, origin: 'flag', piped: false});
      expect(layer.values.get('systemPrompt')).toEqual(expect.any(String));
      expect(layer.about).toBe('built in, chosen with --role');
    }
  });

  it('code asks for no fences only when stdout is not a terminal', async () => {
    const env = home();
    const onTerminal = (await loadRole('code', {env, origin: 'flag', piped: false})).values.get('systemPrompt') as string;
    const piped = (await loadRole('code', {env, origin: 'flag', piped: true})).values.get('systemPrompt') as string;
    expect(onTerminal).not.toMatch(/fence/);
    expect(piped).toBe(`${onTerminal}\n\nDo not wrap the code in markdown fences or backticks; print the raw code only, so that it can be saved to a file or piped as it is.`);
    // The shell role never fences, terminal or not.
    expect((await loadRole('shell', {env, origin: 'flag', piped: false})).values.get('systemPrompt')).toMatch(/no markdown fences/);
  });

  it('a user file of the same name wins over the built-in one; others join the list', async () => {
    const env = home({'code.md': '---\ntemperature: 0.9\n---\nMy code rules.\n', 'rev.md': 'Review it.\n', 'notes.txt': 'not a role'});
    expect(allRoleNames(env)).toEqual(['code', 'commit', 'explain', 'rev', 'shell']);
    expect(findRoleText('code', env)).toMatchObject({builtin: true, path: join(env.GEMMA_CONFIG_DIR!, 'roles', 'code.md')});
    const layer = await loadRole('code', {env, origin: 'config', piped: true});
    expect([...layer.values]).toEqual([['temperature', 0.9], ['systemPrompt', 'My code rules.']]);
    expect(layer.about).toBe(`${join(env.GEMMA_CONFIG_DIR!, 'roles', 'code.md')} (over the built-in one), the default role (config key role)`);
    expect(findRoleText('commit', env)).toEqual({name: 'commit', text: BUILTIN_ROLES.commit, path: undefined, builtin: true});
  });
});

describe('an unknown role', () => {
  it('is a usage error with the closest name and where roles live', async () => {
    const env = home({'reviewer.md': 'Review it.\n'});
    const dir = join(env.GEMMA_CONFIG_DIR!, 'roles');
    expect(unknownRole('cod', env).message).toBe(`unknown role "cod": did you mean code? (roles live in ${dir}; gemma roles list)`);
    expect(unknownRole('reviwer', env).message).toBe(`unknown role "reviwer": did you mean reviewer? (roles live in ${dir}; gemma roles list)`);
    expect(unknownRole('zzz', env).message).toBe(`unknown role "zzz" (roles live in ${dir}; gemma roles list)`);
    const typed = await loadRole('cod', {env, origin: 'flag', piped: false}).catch((error: unknown) => error);
    expect(typed).toBeInstanceOf(UsageError);
    expect((typed as UsageError).exitCode).toBe(ExitCode.usage);
  });

  it('named by the config file is a config problem (exit 3) that says how to fix it', async () => {
    const env = home();
    const error = await chosenRole(undefined, {role: 'cod'}, {env, piped: false}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(`config key role: unknown role "cod": did you mean code? (roles live in ${join(env.GEMMA_CONFIG_DIR!, 'roles')}; gemma roles list)`);
    expect((error as ConfigError).hint).toBe('`gemma config set role <name>` or `gemma config unset role`');
  });

  it('refuses a name that would leave the roles folder', async () => {
    await expect(loadRole('../config', {env: home(), origin: 'flag', piped: false})).rejects.toThrow('role name "../config" is not usable');
  });
});

describe('the role a command runs with', () => {
  it('is --role, else the config file\'s role, else none', async () => {
    const env = home();
    expect((await chosenRole('shell', {role: 'code'}, {env, piped: false}))?.name).toBe('shell');
    expect((await chosenRole(undefined, {role: 'code'}, {env, piped: false}))?.name).toBe('code');
    expect(await chosenRole(undefined, {}, {env, piped: false})).toBeUndefined();
  });
});
