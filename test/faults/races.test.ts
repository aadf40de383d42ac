import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {processStart} from '../../src/config/lock-file.js';
import {loadSession} from '../../src/sessions/session-index.js';
import {newSessionId} from '../../src/sessions/session-paths.js';
import {SessionWriter} from '../../src/sessions/session-writer.js';
import {useSimulator} from '../support/use-simulator.js';
import {GEMMA_BIN, expectOneLine, runCli, sessionFiles, simEnv, tempHome, waitUntil, type Home} from './helpers.js';

const sim = useSimulator();

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A live process that is not gemma, whose pid a stale lock can name. */
function unrelatedProcess(): ChildProcess {
  const child = spawn('sleep', ['30'], {stdio: 'ignore'});
  children.push(child);
  return child;
}

function temp(): string {
  return mkdtempSync(join(tmpdir(), 'gemma-races-'));
}

/** Writes a session file by hand: header, one question and its answer. */
function storedSession(home: Home, id: string, name?: string): void {
  const dir = join(home.dataDir, 'sessions');
  mkdirSync(dir, {recursive: true});
  const at = '2026-01-01T10:00:00.000Z';
  const lines = [
    {type: 'session', version: 1, id, at, ...(name ? {name} : {})},
    {type: 'user', at, text: `question of ${id}`},
    {type: 'assistant', at, text: 'answer', finishReason: 'stop', interrupted: false},
  ];
  writeFileSync(join(dir, `${id}.jsonl`), lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
}

describe('session ids and session files', () => {
  it('ids made in the same second do not collide (10 000 of them)', () => {
    const now = new Date('2026-12-01T21:00:00Z');
    const ids = new Set(Array.from({length: 10_000}, () => newSessionId(now)));
    expect(ids.size).toBe(10_000);
  });

  it('a new session whose id another live gemma has just taken gets a fresh id instead of failing or sharing it', () => {
    const dir = temp();
    const other = unrelatedProcess();
    mkdirSync(join(dir, 'sessions'), {recursive: true});
    // A live holder, recorded with its true start time: the lock is really held.
    writeFileSync(join(dir, 'sessions', 'taken-id.jsonl.lock'), `${other.pid} ${processStart(other.pid!)}\n`);
    const writer = new SessionWriter(dir, 'taken-id');
    writer.append({type: 'user', text: 'hello'});
    writer.close();
    expect(writer.id).not.toBe('taken-id');
    expect(existsSync(join(dir, 'sessions', 'taken-id.jsonl'))).toBe(false);
    expect(loadSession(dir, writer.id).firstPrompt).toBe('hello');
  });

  it('50 chats started at once make 50 separate sessions', async () => {
    const home = tempHome();
    sim.setDefault({answer: 'ok'});
    const runs = await Promise.all(Array.from({length: 50}, (_, i) => runCli(['chat'], {stdin: `question ${i}\n`, env: simEnv(sim, home), timeoutMs: 60_000})));
    expect(runs.map((run) => run.code)).toEqual(runs.map(() => 0));
    const files = sessionFiles(home);
    expect(files).toHaveLength(50);
    const prompts = files.map((file) => loadSession(home.dataDir, file.replace(/\.jsonl$/, '')).firstPrompt).sort();
    expect(prompts).toEqual(Array.from({length: 50}, (_, i) => `question ${i}`).sort());
  }, 120_000);

  it('a lock whose pid now belongs to an unrelated process is stale: the session opens', async () => {
    const home = tempHome();
    storedSession(home, '20260101-100000-aaaa', 'work');
    const other = unrelatedProcess();
    // Left by a gemma that died; its pid was since given to `sleep` (a different start time).
    writeFileSync(join(home.dataDir, 'sessions', '20260101-100000-aaaa.jsonl.lock'), `${other.pid} 1\n`);
    sim.script({answer: 'resumed'});
    const run = await runCli(['ask', '-c', 'again'], {env: simEnv(sim, home)});
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('resumed\n');
    expect(loadSession(home.dataDir, '20260101-100000-aaaa').answers).toBe(2);
  });

  it('a lock held by a live gemma (same pid and start time) is still respected', async () => {
    const home = tempHome();
    storedSession(home, '20260101-100000-aaaa', 'work');
    const other = unrelatedProcess();
    writeFileSync(join(home.dataDir, 'sessions', '20260101-100000-aaaa.jsonl.lock'), `${other.pid} ${processStart(other.pid!)}\n`);
    const run = await runCli(['ask', '-c', 'again'], {env: simEnv(sim, home)});
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, `gemma: session work is open in another gemma (pid ${other.pid}); close that one first, or start a new session`);
    expect(sim.requests).toHaveLength(0);
  });

  it('a new named session started several times at once makes one session of that name', async () => {
    const home = tempHome();
    sim.setDefault({answer: 'ok'});
    const runs = await Promise.all(
      Array.from({length: 6}, (_, i) => runCli(['chat', '--session', 'work'], {stdin: `from chat ${i}\n`, env: simEnv(sim, home), timeoutMs: 60_000})),
    );
    const files = sessionFiles(home);
    expect(files).toHaveLength(1);
    const stored = loadSession(home.dataDir, files[0]!.replace(/\.jsonl$/, ''));
    expect(stored.name).toBe('work');
    // Each chat either wrote into that one session, or was refused at once with a line saying
    // why, before it sent anything: the session is open in another gemma, it exists by now, or
    // another gemma is still writing its lock (caught between creating the lock and filling it).
    const joined = runs.filter((run) => run.code === 0);
    expect(joined.length).toBeGreaterThanOrEqual(1);
    expect(stored.answers).toBe(joined.length);
    expect(sim.requests).toHaveLength(joined.length);
    for (const run of runs.filter((one) => one.code !== 0)) {
      expect(run.code).toBe(1);
      expectOneLine(run.stderr, /^gemma: (session work is open in another gemma \(pid \d+\); close that one first, or start a new session|a session named work already exists \(\S+\); continue it with `gemma chat --session work`|cannot lock session work; another gemma is opening it; try again, or remove \S+\.lock)$/);
    }
  }, 120_000);

  it('a second chat joining a named session that is open elsewhere is refused', async () => {
    const home = tempHome();
    sim.setDefault({answer: 'ok'});
    const first = spawn(process.execPath, [GEMMA_BIN, 'chat', '--session', 'work'], {env: {PATH: process.env.PATH, ...simEnv(sim, home)}, stdio: ['pipe', 'pipe', 'pipe']});
    children.push(first);
    let firstOut = '';
    first.stdout!.on('data', (chunk: Buffer) => (firstOut += chunk.toString()));
    first.stdin!.write('from the first\n');
    await waitUntil(() => firstOut.includes('ok'), 'the first chat to answer');
    const second = await runCli(['chat', '--session', 'work'], {stdin: 'from the second\n', env: simEnv(sim, home)});
    first.stdin!.end();
    await new Promise((resolve) => first.on('close', resolve));
    expect(second.code).toBe(1);
    expectOneLine(second.stderr, `gemma: session work is open in another gemma (pid ${first.pid}); close that one first, or start a new session`);
    expect(sim.requests).toHaveLength(1);
    const files = sessionFiles(home);
    expect(files).toHaveLength(1);
    expect(loadSession(home.dataDir, files[0]!.replace(/\.jsonl$/, '')).messages.map((message) => message.content)).toEqual(['from the first', 'ok']);
  });

  it('two chats that both found no session "work" and both start one make one session, the second refused', () => {
    const home = tempHome();
    // Both looked the name up before either wrote: what `chat --session work` twice at once does.
    const first = new SessionWriter(home.dataDir, newSessionId(), 'work');
    const second = new SessionWriter(home.dataDir, newSessionId(), 'work');
    first.append({type: 'user', text: 'from the first'});
    expect(() => second.append({type: 'user', text: 'from the second'})).toThrow(`a session named work already exists (${first.id})`);
    first.close();
    second.close();
    expect(sessionFiles(home)).toEqual([`${first.id}.jsonl`]);
    expect(loadSession(home.dataDir, first.id).firstPrompt).toBe('from the first');
  });
});

describe('sessions rm / show / rename with an empty or ambiguous id', () => {
  function homeWithThree(): Home {
    const home = tempHome();
    storedSession(home, '20260101-100000-aaaa', 'alpha');
    storedSession(home, '20260101-100000-bbbb', 'beta');
    storedSession(home, '20260101-100000-cccc');
    return home;
  }
  const gemmaIn = (home: Home, args: string[]) => runCli(args, {env: simEnv(sim, home)});

  it.each([['rm'], ['show'], ['rename']])('%s "" refuses with exit 2 and deletes or changes nothing', async (command) => {
    const home = homeWithThree();
    const before = sessionFiles(home).map((file) => readFileSync(join(home.dataDir, 'sessions', file), 'utf8'));
    const run = await gemmaIn(home, ['sessions', command, '', ...(command === 'rename' ? ['newname'] : [])]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr, 'gemma: "" is not a session name or id; see gemma sessions list');
    expect(sessionFiles(home).map((file) => readFileSync(join(home.dataDir, 'sessions', file), 'utf8'))).toEqual(before);
  });

  it('an id start that several sessions share is refused, naming them all', async () => {
    const home = homeWithThree();
    const run = await gemmaIn(home, ['sessions', 'rm', '2026']);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /^gemma: "2026" matches 3 sessions: (alpha|beta|20260101-100000-cccc), (alpha|beta|20260101-100000-cccc), (alpha|beta|20260101-100000-cccc); give more of the id, or the name$/);
    for (const name of ['alpha', 'beta', '20260101-100000-cccc']) expect(run.stderr).toContain(name);
    expect(sessionFiles(home)).toHaveLength(3);
  });

  it('rename to a name that only starts another id is allowed (names are not prefixes)', async () => {
    const home = homeWithThree();
    const run = await gemmaIn(home, ['sessions', 'rename', 'alpha', '2026']);
    expect(run.stderr).toBe('20260101-100000-aaaa is now named 2026\n');
    expect(run.code).toBe(0);
  });
});

describe('config writes at the same time', () => {
  const SETTINGS: Array<[string, string, unknown]> = [
    ['systemPrompt', 'be brief', 'be brief'],
    ['temperature', '0.5', 0.5],
    ['topP', '0.5', 0.5],
    ['minP', '0.1', 0.1],
    ['topK', '5', 5],
    ['maxTokens', '100', 100],
    ['presencePenalty', '0.5', 0.5],
    ['thinkingLevel', 'low', 'low'],
    ['seed', '42', '42'],
    ['numberResults', '2', 2],
    ['timeout', '30', 30],
    ['showThinking', 'true', true],
  ];
  const configFile = (home: Home): Record<string, unknown> => JSON.parse(readFileSync(join(home.configDir, 'config.json'), 'utf8')) as Record<string, unknown>;
  const gemmaIn = (home: Home, args: string[], stdin?: string) =>
    runCli(args, {env: simEnv(sim, home, {RUNWARE_API_KEY: undefined}), timeoutMs: 60_000, ...(stdin === undefined ? {} : {stdin})});
  const expected = Object.fromEntries(SETTINGS.map(([name, , value]) => [name, value]));

  it('12 parallel `config set` with different keys keep all 12', async () => {
    const home = tempHome();
    const runs = await Promise.all(SETTINGS.map(([name, raw]) => gemmaIn(home, ['config', 'set', name, raw])));
    expect(runs.map((run) => run.code)).toEqual(SETTINGS.map(() => 0));
    expect(configFile(home)).toEqual(expected);
  }, 120_000);

  it('`auth login` racing 12 `config set` keeps the fresh key and every setting', async () => {
    const home = tempHome();
    const runs = await Promise.all([gemmaIn(home, ['auth', 'login'], 'rw-fresh-key-0001\n'), ...SETTINGS.map(([name, raw]) => gemmaIn(home, ['config', 'set', name, raw]))]);
    expect(runs.map((run) => run.code)).toEqual(runs.map(() => 0));
    expect(configFile(home)).toEqual({...expected, apiKey: 'rw-fresh-key-0001'});
  }, 120_000);

  it('`auth logout` racing 12 `config set`: the key stays removed, every setting is kept', async () => {
    const home = tempHome();
    expect((await gemmaIn(home, ['auth', 'login'], 'rw-old-key-0002\n')).code).toBe(0);
    const runs = await Promise.all([gemmaIn(home, ['auth', 'logout']), ...SETTINGS.map(([name, raw]) => gemmaIn(home, ['config', 'set', name, raw]))]);
    expect(runs.map((run) => run.code)).toEqual(runs.map(() => 0));
    expect(configFile(home)).toEqual(expected);
  }, 120_000);

  it('a config lock left by a dead gemma is taken over', async () => {
    const home = tempHome();
    const dead = spawn(process.execPath, ['-e', ''], {stdio: 'ignore'});
    await new Promise((resolve) => dead.on('close', resolve));
    mkdirSync(home.configDir, {recursive: true});
    writeFileSync(join(home.configDir, 'config.json.lock'), `${dead.pid} 1\n`);
    const run = await gemmaIn(home, ['config', 'set', 'temperature', '0.5']);
    expect(run.code).toBe(0);
    expect(configFile(home)).toEqual({temperature: 0.5});
    expect(existsSync(join(home.configDir, 'config.json.lock'))).toBe(false);
  });

  it('a config lock held by a live process: after a short wait, one line, exit 3, nothing changed', async () => {
    const home = tempHome();
    const holder = unrelatedProcess();
    mkdirSync(home.configDir, {recursive: true});
    writeFileSync(join(home.configDir, 'config.json'), '{"temperature": 1}\n');
    writeFileSync(join(home.configDir, 'config.json.lock'), `${holder.pid} ${processStart(holder.pid!)}\n`);
    const run = await gemmaIn(home, ['config', 'set', 'temperature', '0.5']);
    expect(run.code).toBe(3);
    const path = join(home.configDir, 'config.json');
    expectOneLine(run.stderr, `gemma: config file ${path} is being changed by another gemma (pid ${holder.pid}); try again; if no gemma is running, remove ${path}.lock`);
    expect(configFile(home)).toEqual({temperature: 1});
  });
});
