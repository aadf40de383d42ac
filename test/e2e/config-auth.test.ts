import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, tempHome} from '../support/run-cli.js';

const inHome = (home: {configDir: string; dataDir: string}) => (args: string[], stdin?: string, env: Record<string, string | undefined> = {}) =>
  runCli(args, {env: {GEMMA_CONFIG_DIR: home.configDir, GEMMA_DATA_DIR: home.dataDir, RUNWARE_API_KEY: undefined, ...env}, ...(stdin === undefined ? {} : {stdin})});

describe('gemma config', () => {
  it('sets, gets, lists and unsets keys in a private file', async () => {
    const home = tempHome();
    const gemma = inHome(home);
    expect((await gemma(['config', 'set', 'max-tokens', '500'])).code).toBe(0);
    expect((await gemma(['config', 'set', 'stopSequences', '###', 'END'])).code).toBe(0);
    expect((await gemma(['config', 'get', 'maxTokens'])).stdout).toBe('500\n');
    const path = (await gemma(['config', 'path'])).stdout.trim();
    expect(path).toBe(join(home.configDir, 'config.json'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({maxTokens: 500, stopSequences: ['###', 'END']});
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(home.configDir).mode & 0o777).toBe(0o700);

    const list = await gemma(['config', 'list'], undefined, {GEMMA_TEMPERATURE: '0.3'});
    expect(list.stdout).toMatch(/^maxTokens\s+500\s+config$/m);
    expect(list.stdout).toMatch(/^temperature\s+0\.3\s+env$/m);
    expect(list.stdout).toMatch(/^deliveryMethod\s+stream\s+default$/m);

    expect((await gemma(['config', 'unset', 'max-tokens'])).code).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({stopSequences: ['###', 'END']});
  });

  it('refuses a bad value or an unknown key with exit 2 and leaves the file alone', async () => {
    const home = tempHome();
    const gemma = inHome(home);
    await gemma(['config', 'set', 'temperature', '1']);
    const bad = await gemma(['config', 'set', 'temperature', '5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('gemma: temperature: "5" is out of range; allowed: a number from 0 to 2 in steps of 0.01\n');
    const unknown = await gemma(['config', 'set', 'temprature', '1']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown setting "temprature"');
    expect(JSON.parse(readFileSync(join(home.configDir, 'config.json'), 'utf8'))).toEqual({temperature: 1});
  });

  it('stops with exit 3 on a corrupt config file and does not overwrite it', async () => {
    const home = tempHome();
    mkdirSync(home.configDir, {recursive: true});
    const path = join(home.configDir, 'config.json');
    writeFileSync(path, '{"temperature": 0.5,');
    const run = await inHome(home)(['ask', 'hi'], '', {RUNWARE_API_KEY: 'k'});
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`config file ${path} is not valid JSON`);
    expect(readFileSync(path, 'utf8')).toBe('{"temperature": 0.5,');
  });
});

describe('gemma auth', () => {
  it('stores a key from stdin, shows only its last four characters, and removes it', async () => {
    const home = tempHome();
    const gemma = inHome(home);
    const login = await gemma(['auth', 'login'], 'sk-test-secret-abcd1234\n');
    expect(login.code).toBe(0);
    expect(login.stderr).not.toContain('sk-test-secret');
    const status = await gemma(['auth', 'status']);
    expect(status.stdout).toBe(`key ****1234 from ${join(home.configDir, 'config.json')}\n`);
    expect(statSync(join(home.configDir, 'config.json')).mode & 0o777).toBe(0o600);
    const fromEnv = await gemma(['auth', 'status'], undefined, {RUNWARE_API_KEY: 'env-key-wxyz'});
    expect(fromEnv.stdout).toBe('key ****wxyz from the RUNWARE_API_KEY environment variable\n');
    expect((await gemma(['auth', 'logout'])).code).toBe(0);
    const none = await gemma(['auth', 'status']);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('no API key');
  });

  it('refuses an empty key', async () => {
    const run = await inHome(tempHome())(['auth', 'login'], '\n');
    expect(run.code).toBe(2);
  });
});

describe('gemma', () => {
  it('prints help and the version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('ask');
    const askHelp = await runCli(['ask', '--help']);
    for (const flag of ['--temperature', '--top-k', '--seed', '--delivery', '--no-stream', '--image', '--json', '--show-thinking']) {
      expect(askHelp.stdout).toContain(flag);
    }
    const version = await runCli(['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('names in --help every environment variable docs/configuration.md lists', async () => {
    const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Environment variables'), doc.indexOf('\n## ', doc.indexOf('## Environment variables') + 1));
    const names = [...section.matchAll(/^\| `([A-Z_<>]+)`/gm)].map((match) => match[1]!);
    expect(names).toContain('GEMMA_CACHE_DIR');
    const help = await runCli(['--help']);
    for (const name of names) expect(help.stdout).toContain(name);
  });

  it('refuses an unknown command with exit 2', async () => {
    const run = await runCli(['aks', 'hi']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'aks'");
  });
});
