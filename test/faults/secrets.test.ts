import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {closedPort, runCli, sessionFiles, tempHome, type CliRun, type Env, type Home} from './helpers.js';

const KEY = 'rw-SECRET-Zq8xK2vN5mP7tLw9-4680';

// Reset before each test, so no test sees a script another one left queued.
const sim = useSimulator({apiKey: KEY});

/** Runs gemma in one home with the key in its environment and keeps every run for the leak check. */
function gemmaIn(home: Home) {
  const outputs: Array<{what: string; run: CliRun}> = [];
  const gemma = async (what: string, args: string[], stdin = '', extra: Env = {}): Promise<CliRun> => {
    const env = {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: KEY, GEMMA_CONFIG_DIR: home.configDir, GEMMA_DATA_DIR: home.dataDir, ...extra};
    const run = await runCli(args, {stdin, env});
    outputs.push({what, run});
    return run;
  };
  return {gemma, outputs};
}

/**
 * The runs that write to the data and config folders: a named chat session with /set values,
 * its continuation failing on a 400 that echoes the key (with --verbose), `ask -c`, `config set`.
 */
async function writeEveryFile(gemma: ReturnType<typeof gemmaIn>['gemma']): Promise<void> {
  const chat = await gemma(
    'chat plain',
    ['chat', '--session', 'secret-test'],
    '/set temperature 0.3\nfirst question\n/set max-tokens 50\nsecond question\n/settings\nthird question\n',
  );
  expect(chat.code).toBe(0);
  expect(chat.stdout.match(/You said:/g)).toHaveLength(3);

  sim.script({status: 400, code: 'invalidParameter', message: `bad request from ${KEY}`});
  expect((await gemma('chat 400 echoing the key', ['chat', '-c', '--verbose'], 'fourth question\n')).code).toBe(1);

  expect((await gemma('ask -c', ['ask', '-c', 'a follow-up'])).code).toBe(0);
  expect((await gemma('config set', ['config', 'set', 'max-tokens', '500'])).code).toBe(0);
}

/** Every file under `dir`, recursively, with folders listed apart. */
function walk(dir: string): {files: string[]; dirs: string[]} {
  const files: string[] = [];
  const dirs: string[] = [dir];
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = walk(path);
      files.push(...inner.files);
      dirs.push(...inner.dirs);
    } else {
      files.push(path);
    }
  }
  return {files, dirs};
}

describe('the API key stays secret', () => {
  it('never appears in stdout or stderr, whatever happens (success, 401, --verbose, network failure, mid-stream error, chat, auth status)', async () => {
    const {gemma, outputs} = gemmaIn(tempHome());
    sim.script({answer: 'Fine.'});
    expect((await gemma('ask success', ['ask', 'hi'])).code).toBe(0);

    // The server even echoes the key back in its messages: gemma must scrub them.
    sim.script({status: 401, message: `Invalid API key ${KEY}.`});
    expect((await gemma('ask 401', ['ask', 'hi'])).code).toBe(1);

    expect((await gemma('ask --verbose', ['ask', 'hi', '--verbose', '--usage', '--cost'])).code).toBe(0);

    const port = await closedPort();
    expect((await gemma('ask network failure', ['ask', 'hi', '--verbose'], '', {RUNWARE_BASE_URL: `http://127.0.0.1:${port}/v1`})).code).toBe(1);

    sim.script({answer: 'one two three four', reasoning: '', fault: 'midStreamError', afterEvents: 2, message: `failed for ${KEY}`});
    expect((await gemma('ask mid-stream error', ['ask', 'hi'])).code).toBe(1);

    await writeEveryFile(gemma);

    const status = await gemma('auth status', ['auth', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('****4680');

    const leaks = outputs.filter(({run}) => run.stdout.includes(KEY) || run.stderr.includes(KEY)).map(({what}) => what);
    expect(leaks).toEqual([]);
    // Not even a large part of it.
    const fragment = KEY.slice(0, 16);
    expect(outputs.filter(({run}) => (run.stdout + run.stderr).includes(fragment)).map(({what}) => what)).toEqual([]);
  });

  it('is in no file under the data or config folder afterwards (sessions, config)', async () => {
    const home = tempHome();
    await writeEveryFile(gemmaIn(home).gemma);
    expect(sessionFiles(home)).toHaveLength(1);
    const files = [...walk(home.dataDir).files, ...walk(home.configDir).files];
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files.filter((file) => readFileSync(file, 'utf8').includes(KEY))).toEqual([]);
  });

  it('files in the config and data folders are 0600 and the folders 0700', async () => {
    const home = tempHome();
    await writeEveryFile(gemmaIn(home).gemma);
    const data = walk(home.dataDir);
    const config = walk(home.configDir);
    expect(data.files.length).toBeGreaterThanOrEqual(1);
    expect(config.files.length).toBeGreaterThanOrEqual(1);
    const modes = (paths: string[]) => Object.fromEntries(paths.map((path) => [path, (statSync(path).mode & 0o777).toString(8)]));
    const files = [...data.files, ...config.files];
    const dirs = [...data.dirs, ...config.dirs];
    expect(modes(files)).toEqual(Object.fromEntries(files.map((path) => [path, '600'])));
    expect(modes(dirs)).toEqual(Object.fromEntries(dirs.map((path) => [path, '700'])));
  });
});

describe.each(['ask', 'chat'] as const)('gemma %s with a plain-http base URL that is not local', (command) => {
  it('warns that the key would travel unencrypted', async () => {
    const args = command === 'ask' ? ['ask', 'hi'] : ['chat'];
    const run = await runCli([...args, '--base-url', 'http://example.test:1/v1'], {
      stdin: command === 'chat' ? 'hi\n' : '',
      env: {RUNWARE_API_KEY: KEY},
    });
    const lines = run.stderr.split('\n');
    expect(lines[0]).toMatch(/^gemma: warning: .*example\.test.*plain http.*key would travel unencrypted/);
    expect(lines.filter((line) => /unencrypted/.test(line))).toHaveLength(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain(KEY);
    expect(run.code).toBe(1);
  });
});
