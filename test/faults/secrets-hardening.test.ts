import {chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {displayUrl} from '../../src/api/display-url.js';
import {preview} from '../../src/api/wire/json.js';
import {sessionHeader} from '../../src/chat/session-header.js';
import {resolveSettings} from '../../src/config/resolve-settings.js';
import {useSimulator} from '../support/use-simulator.js';
import {closedPort, expectOneLine, runCli, sessionFiles, simEnv, tempHome, type Env, type Home} from './helpers.js';

const KEY = 'rw-SECRET-Zq8xK2vN5mP7tLw9-4680';
const PASSWORD = 'hunter2-Pw-77';
const sim = useSimulator({apiKey: KEY});

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server that answers every request with `body` as a 200 answer of `type` (which it is not). */
async function answering(body: string, type = 'application/json'): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, {'content-type': type});
      res.end(body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  return `http://127.0.0.1:${port}/v1`;
}

const gemmaIn = (home: Home, args: string[], extra: Env = {}, stdin = '') => runCli(args, {stdin, env: simEnv(sim, home, extra)});

describe('a preview of outside text is redacted before it is cut', () => {
  // The key starts at 70: the 80-character cut falls inside it.
  const body = `<html>${'x'.repeat(58)} key=${KEY} is not valid for this account</html>`;

  it('never shows part of a key the cut would split, with or without the key to redact', () => {
    expect(body.indexOf(KEY)).toBeLessThan(80);
    expect(body.indexOf(KEY) + KEY.length).toBeGreaterThan(80);
    for (const shown of [preview(body), preview(body, 80, KEY)]) {
      expect(shown).not.toContain(KEY.slice(0, 6));
      expect(shown.length).toBeLessThanOrEqual(81);
    }
    expect(preview(`bad ${KEY} here`, 80, KEY)).toBe('bad *** here');
  });

  it('gemma ask given a non-JSON answer quoting the key: one line, no part of the key', async () => {
    const url = await answering(body);
    const run = await runCli(['ask', 'hi', '--delivery', 'sync'], {env: {RUNWARE_API_KEY: KEY, RUNWARE_BASE_URL: url}});
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, /^gemma: the server's answer is not valid JSON: <html>x+ key=\*\*\* is not …$/);
    expect(run.stderr).not.toContain(KEY.slice(0, 6));
  });

  it.each([
    ['the key inside the preview', `{bad ${KEY} event`],
    ['the key across the cut', `{bad ${'x'.repeat(60)} ${KEY} event`],
  ])('a malformed stream event quoting the key (%s): ask and chat show no part of it', async (_what, event) => {
    const url = await answering(`data: {"delta": {"text": "Hi"}}\n\ndata: ${event}\n\n`, 'text/event-stream');
    const env = {RUNWARE_API_KEY: KEY, RUNWARE_BASE_URL: url};
    const ask = await runCli(['ask', 'hi'], {env});
    const chat = await runCli(['chat'], {env, stdin: 'hi\n'});
    for (const run of [ask, chat]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^gemma: the server sent a malformed event: \{bad /m);
      expect(run.stdout + run.stderr).not.toContain(KEY.slice(0, 6));
    }
  });
});

describe('a password in a URL is never printed', () => {
  const withPassword = (url: string): string => url.replace('http://', `http://alice:${PASSWORD}@`);

  it('--verbose traces show the URL with *** for the password (the user name is kept)', async () => {
    sim.script({answer: 'Fine.'});
    const run = await gemmaIn(tempHome(), ['ask', 'hi', '--verbose', '--base-url', withPassword(sim.url)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Fine.\n');
    expect(run.stderr).toContain(`POST ${sim.url.replace('http://', 'http://alice:***@')}`);
    expect(run.stderr).not.toContain(PASSWORD);
  });

  it('a network error through a proxy with a password names neither password', async () => {
    const port = await closedPort();
    const run = await gemmaIn(tempHome(), ['ask', 'hi', '--verbose', '--base-url', withPassword(`http://127.0.0.1:${port}/v1`)], {
      HTTP_PROXY: `http://proxyuser:${PASSWORD}@127.0.0.1:${port}`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^gemma: .*127\.0\.0\.1/m);
    expect(run.stderr).not.toContain(PASSWORD);
  });

  it('config set, get and list show *** for it', async () => {
    const home = tempHome();
    const url = withPassword('http://api.example.test/v1');
    const set = await gemmaIn(home, ['config', 'set', 'baseUrl', url], {RUNWARE_BASE_URL: undefined});
    expect(set.code).toBe(0);
    expect(set.stderr).toContain('baseUrl = http://alice:***@api.example.test/v1');
    const get = await gemmaIn(home, ['config', 'get', 'baseUrl'], {RUNWARE_BASE_URL: undefined});
    expect(get.stdout).toBe('http://alice:***@api.example.test/v1\n');
    const list = await gemmaIn(home, ['config', 'list'], {RUNWARE_BASE_URL: undefined});
    expect(list.stdout).toMatch(/^baseUrl +http:\/\/alice:\*\*\*@api\.example\.test\/v1 +config$/m);
    for (const run of [set, get, list]) expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    // Shown hidden, stored whole: the file is the user's own (0600).
    expect(JSON.parse(readFileSync(join(home.configDir, 'config.json'), 'utf8'))).toEqual({baseUrl: url});
  });

  it('the chat header and /settings show *** for it', async () => {
    const url = withPassword(sim.url);
    const header = sessionHeader(resolveSettings({flags: new Map([['baseUrl', url]])}));
    expect(header).toContain('alice:***@');
    expect(header).not.toContain(PASSWORD);
    sim.script({answer: 'Fine.'});
    const run = await gemmaIn(tempHome(), ['chat', '--base-url', url], {}, '/settings\nhi\n');
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toContain('alice:***@127.0.0.1');
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });

  it('a webhook URL with a password is stored and exported without it', async () => {
    const home = tempHome();
    sim.script({answer: 'Fine.'});
    const webhook = `http://hook:${PASSWORD}@127.0.0.1:9/done`;
    const run = await gemmaIn(home, ['chat', '--webhook-url', webhook], {}, 'hi\n');
    expect(run.code).toBe(0);
    // The request itself carries the URL whole: the service needs it to call back.
    expect(sim.tasks()[0]).toMatchObject({webhookURL: webhook});
    const [file] = readdirSync(join(home.dataDir, 'sessions')).filter((name) => name.endsWith('.jsonl'));
    expect(readFileSync(join(home.dataDir, 'sessions', file!), 'utf8')).not.toContain(PASSWORD);
    const exported = await gemmaIn(home, ['sessions', 'export', file!.replace(/\.jsonl$/, ''), '--format', 'json']);
    expect(exported.stdout).toContain('http://hook:***@127.0.0.1:9/done');
    expect(exported.stdout).not.toContain(PASSWORD);
  });

  it('a base URL refused as a value does not echo its password', async () => {
    const run = await gemmaIn(tempHome(), ['ask', 'hi', '--base-url', `ftp://alice:${PASSWORD}@files.example.test/`]);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /^gemma: --base-url: "ftp:\/\/alice:\*\*\*@files\.example\.test\/" is not an http\(s\) URL/);
  });
});

describe('an answer that quotes the key back is saved with the key redacted', () => {
  it.each([
    ['chat -c', ['chat', '-c'], 'what is my key?\n'],
    ['ask -c', ['ask', '-c', 'what is my key?'], ''],
  ])('%s', async (_what, args, stdin) => {
    const home = tempHome();
    sim.script({answer: 'first'}, {answer: `Your key is ${KEY}.`, reasoning: `The user's key is ${KEY}`});
    expect((await gemmaIn(home, ['chat'], {}, 'hello\n')).code).toBe(0);
    const run = await gemmaIn(home, args, {}, stdin);
    expect(run.code).toBe(0);
    const [file] = sessionFiles(home);
    const text = readFileSync(join(home.dataDir, 'sessions', file!), 'utf8');
    expect(text).not.toContain(KEY);
    expect(text).toContain('Your key is ***.');
    expect(text).toContain("The user's key is ***");
  });
});

describe('the config file: temporary files and links', () => {
  it('auth login leaves only the config file behind (no temporary file, no lock)', async () => {
    const home = tempHome();
    const run = await gemmaIn(home, ['auth', 'login'], {RUNWARE_API_KEY: undefined}, `${KEY}\n`);
    expect(run.code).toBe(0);
    expect(readdirSync(home.configDir)).toEqual(['config.json']);
  });

  it('auth logout removes a temporary file holding a key that a killed `auth login` left', async () => {
    const home = tempHome();
    mkdirSync(home.configDir, {recursive: true});
    writeFileSync(join(home.configDir, 'config.json'), `{"apiKey": "${KEY}"}`, {mode: 0o600});
    // What `auth login` leaves when killed (kill -9) between its write and its rename.
    writeFileSync(join(home.configDir, 'config.json.tmp'), `{"apiKey": "${KEY}"}`, {mode: 0o600});
    const run = await gemmaIn(home, ['auth', 'logout'], {RUNWARE_API_KEY: undefined});
    expect(run.code).toBe(0);
    expect(readdirSync(home.configDir)).toEqual(['config.json']);
    expect(readFileSync(join(home.configDir, 'config.json'), 'utf8')).not.toContain(KEY);
  });

  it.each([
    ['auth login', ['auth', 'login'], `${KEY}\n`],
    ['auth logout', ['auth', 'logout'], ''],
    ['config set', ['config', 'set', 'temperature', '1'], ''],
    ['config unset', ['config', 'unset', 'temperature'], ''],
  ])('%s refuses a config file that is a symbolic link (exit 3), leaving its target alone', async (_what, args, stdin) => {
    const home = tempHome();
    mkdirSync(home.configDir, {recursive: true});
    const target = join(home.configDir, '..', 'elsewhere.json');
    writeFileSync(target, '{"temperature": 0.5}\n');
    chmodSync(target, 0o644);
    const link = join(home.configDir, 'config.json');
    symlinkSync(target, link);
    const run = await gemmaIn(home, args, {RUNWARE_API_KEY: undefined}, stdin);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr, `gemma: config file ${link} is a symbolic link; refusing to write through it; replace the link with the file itself, or point GEMMA_CONFIG_DIR elsewhere`);
    expect(readFileSync(target, 'utf8')).toBe('{"temperature": 0.5}\n');
    expect(statSync(target).mode & 0o777).toBe(0o644);
    expect(readdirSync(home.configDir)).toEqual(['config.json']);
  });
});

describe('a session file that is a symbolic link is not written through', () => {
  function linkedSession(home: Home): {target: string; link: string; before: string} {
    const dir = join(home.dataDir, 'sessions');
    mkdirSync(dir, {recursive: true});
    const target = join(home.dataDir, '..', 'elsewhere.jsonl');
    const at = '2026-01-01T10:00:00.000Z';
    const before = [
      {type: 'session', version: 1, id: '20260101-100000-aaaa', at},
      {type: 'user', at, text: 'old question'},
      {type: 'assistant', at, text: 'old answer', finishReason: 'stop', interrupted: false},
    ].map((line) => `${JSON.stringify(line)}\n`).join('');
    writeFileSync(target, before);
    chmodSync(target, 0o644);
    const link = join(dir, '20260101-100000-aaaa.jsonl');
    symlinkSync(target, link);
    return {target, link, before};
  }

  it.each([
    ['ask -c', ['ask', '-c', 'a follow-up'], ''],
    ['chat -c', ['chat', '-c'], 'a follow-up\n'],
    ['sessions rename', ['sessions', 'rename', '20260101-100000-aaaa', 'renamed'], ''],
  ])('%s: one line naming the path, exit 1, nothing sent, the target unchanged', async (_what, args, stdin) => {
    const home = tempHome();
    const {target, link, before} = linkedSession(home);
    const run = await gemmaIn(home, args, {}, stdin);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe(`gemma: session file ${link} is a symbolic link; refusing to write through it`);
    expect(sim.requests).toHaveLength(0);
    expect(readFileSync(target, 'utf8')).toBe(before);
    expect(statSync(target).mode & 0o777).toBe(0o644);
    expect(existsSync(`${link}.lock`)).toBe(false);
  });
});

describe('displayUrl', () => {
  it('hides a URL password wherever it is in a text, keeps the user name, leaves the rest as written', () => {
    expect(displayUrl('http://alice:pa@ss:word@host:8/v1?q=1')).toBe('http://alice:***@host:8/v1?q=1');
    expect(displayUrl('via http://proxy:s3cret@10.0.0.1:3128 then https://:tok@h/')).toBe('via http://proxy:***@10.0.0.1:3128 then https://:***@h/');
    expect(displayUrl('http://alice@host/v1 and http://host:8080/v1 and mail bob@host')).toBe('http://alice@host/v1 and http://host:8080/v1 and mail bob@host');
  });
});
