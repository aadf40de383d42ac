import {spawn} from 'node:child_process';
import {appendFileSync, existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../support/simulator.js';
import {expectOneLine} from '../faults/helpers.js';
import {GEMMA_BIN, homeEnv, runCli, tempHome} from '../support/run-cli.js';

let sim: Simulator;
let home: {configDir: string; dataDir: string};
beforeAll(async () => {
  sim = await startSimulator({port: 0});
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  home = tempHome();
});

const env = () => ({RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(home)});
const gemma = (args: string[], stdin?: string) => runCli(args, {env: env(), ...(stdin === undefined ? {} : {stdin})});
const sessionFiles = () => readdirSync(join(home.dataDir, 'sessions')).filter((file) => file.endsWith('.jsonl'));
const contents = (index: number) => (sim.tasks()[index]?.messages as Array<{content: string}>).map((m) => m.content);

describe('sessions', () => {
  it('saves every chat privately and resumes it with -c, sending the stored conversation', async () => {
    sim.script({answer: 'First answer.'}, {answer: 'Second answer.'}, {answer: 'Third answer.'});
    expect((await gemma(['chat'], 'the purple elephant\nsecond question\n')).code).toBe(0);
    const [file] = sessionFiles();
    expect(statSync(join(home.dataDir, 'sessions', file!)).mode & 0o777).toBe(0o600);
    expect(statSync(join(home.dataDir, 'sessions')).mode & 0o777).toBe(0o700);
    const resumed = await gemma(['chat', '-c'], 'third question\n');
    expect(resumed.stdout).toBe('Third answer.\n');
    expect(contents(2)).toEqual(['the purple elephant', 'First answer.', 'second question', 'Second answer.', 'third question']);
    expect(sessionFiles()).toHaveLength(1);
  });

  it('asks a follow-up inside the latest conversation with ask -c and records it there', async () => {
    sim.script({answer: 'Blue.'}, {answer: 'Because of scattering.'});
    await gemma(['chat'], 'what colour is the sky?\n');
    const follow = await gemma(['ask', '-c', 'why?']);
    expect(follow.stdout).toBe('Because of scattering.\n');
    expect(contents(1)).toEqual(['what colour is the sky?', 'Blue.', 'why?']);
    const list = await gemma(['sessions', 'list']);
    expect(list.stdout).toMatch(/2 turns\s+what colour is the sky\?/);
    const json = JSON.parse((await gemma(['sessions', 'export', sessionFiles()[0]!.slice(0, 8), '--format', 'json'])).stdout);
    expect(json.messages.map((m: {content: string}) => m.content)).toEqual(['what colour is the sky?', 'Blue.', 'why?', 'Because of scattering.']);
  });

  it('restores /set values and honours /clear and /undo on resume', async () => {
    await gemma(['chat'], 'one\n/set max-tokens 9\n/clear\ntwo\nthree\n/undo\n');
    await gemma(['chat', '-c'], 'four\n');
    const last = sim.tasks().at(-1)!;
    expect(contents(sim.tasks().length - 1)).toEqual(['two', expect.stringContaining('You said: two'), 'four']);
    expect(last.settings).toEqual({maxTokens: 9});
  });

  it('creates and resumes a named session, renames, exports, searches and removes', async () => {
    sim.script({answer: 'Noted: the launch code is **tangerine**.'});
    await gemma(['chat', '--session', 'project-x'], 'remember tangerine\n');
    await gemma(['chat', '--session', 'project-x'], 'what was it?\n');
    expect(contents(1).slice(0, 2)).toEqual(['remember tangerine', 'Noted: the launch code is **tangerine**.']);
    const md = await gemma(['sessions', 'export', 'project-x', '--format', 'md']);
    expect(md.stdout).toContain('# project-x\n\n## You\n\nremember tangerine\n\n## Gemma\n\nNoted: the launch code is **tangerine**.\n');
    const search = await gemma(['sessions', 'search', 'TANGERINE']);
    expect(search.stdout).toMatch(/^project-x .*\n {4}you: remember tangerine\n$/);
    expect((await gemma(['sessions', 'rename', 'project-x', 'project-y'])).code).toBe(0);
    expect((await gemma(['sessions', 'show', 'project-y'])).stdout).toContain('remember tangerine');
    const bad = await gemma(['sessions', 'rename', 'project-y', 'no spaces']);
    expect(bad.code).toBe(2);
    expect((await gemma(['sessions', 'rm', 'project-y'])).code).toBe(0);
    expect(sessionFiles()).toHaveLength(0);
    const missing = await gemma(['sessions', 'show', 'project-y']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no session named or with id "project-y"');
  });

  it('leaves no trace on disk with --no-save', async () => {
    expect((await gemma(['chat', '--no-save'], 'secret plans\n')).code).toBe(0);
    expect(existsSync(home.dataDir)).toBe(false);
  });

  it('says there is nothing to continue, the same for ask -c and chat -c, and sends nothing', async () => {
    for (const [args, stdin] of [[['ask', '-c', 'a follow-up'], undefined], [['chat', '-c'], 'a question\n']] as const) {
      const run = await gemma([...args], stdin);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expectOneLine(run.stderr, 'gemma: there is no chat session to continue yet; start one with `gemma chat`');
    }
    expect(sim.requests).toHaveLength(0);
    expect(existsSync(join(home.dataDir, 'sessions')) ? sessionFiles() : []).toEqual([]);
  });

  it('opens a session whose last line was torn, with a warning', async () => {
    await gemma(['chat'], 'hello\n');
    const path = join(home.dataDir, 'sessions', sessionFiles()[0]!);
    appendFileSync(path, '{"type":"assistant","at":"2026-');
    const run = await gemma(['chat', '-c'], 'again\n');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('skipped 1 unreadable line');
    expect(contents(1)).toEqual(['hello', expect.stringContaining('You said: hello'), 'again']);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!).type).toBe('assistant');
  });

  it('refuses a second writer with a clear error', async () => {
    await gemma(['chat'], 'hello\n');
    const holder = spawn(process.execPath, [GEMMA_BIN, 'chat', '-c'], {env: {...process.env, ...env()}, stdio: ['pipe', 'pipe', 'pipe']});
    try {
      await new Promise((resolve) => setTimeout(resolve, 700));
      const second = await gemma(['chat', '-c'], 'me too\n');
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/^gemma: session \S+ is open in another gemma \(pid \d+\)/);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('keeps everything before the answer in flight when killed with SIGKILL', async () => {
    const slow = await startSimulator({port: 0, tokenDelayMs: 40});
    try {
      slow.script({answer: 'Short one.', reasoning: ''}, {answer: Array.from({length: 200}, (_, i) => `w${i}`).join(' '), reasoning: ''});
      const child = spawn(process.execPath, [GEMMA_BIN, 'chat'], {env: {...process.env, ...env(), RUNWARE_BASE_URL: slow.url, RUNWARE_API_KEY: slow.apiKey}, stdio: ['pipe', 'pipe', 'pipe']});
      let out = '';
      const killed = new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('w3 ')) child.kill('SIGKILL');
        });
        child.on('close', () => resolve());
      });
      child.stdin.write('first\nsecond\n');
      await killed;
      const shown = await gemma(['sessions', 'show', sessionFiles()[0]!.slice(0, 15)]);
      expect(shown.stdout).toContain('## You\n\nfirst\n\n## Gemma\n\nShort one.\n\n## You\n\nsecond\n');
      expect(shown.stdout).toContain('## You\n\nsecond\n\n*(no answer was recorded; not sent as context)*\n');
      await gemma(['chat', '-c'], 'third\n');
      // The question cut off by the kill has no answer: it is not sent, so the roles still alternate.
      expect(contents(0)).toEqual(['first', 'Short one.', 'third']);
    } finally {
      await slow.close();
    }
  });
});
