import * as fs from 'node:fs';
import {mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, writeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {InferenceEvent, TextInferenceTask} from '../../src/api/types.js';
import {ChatSession} from '../../src/chat/chat-session.js';
import type {NoticeEntry} from '../../src/chat/chat-types.js';
import {GemmaError} from '../../src/errors.js';
import {SessionWriter, type AppendFs} from '../../src/sessions/session-writer.js';
import {useSimulator} from '../support/use-simulator.js';
import {expectNoTrace, mountSmallDisk, runCli, simEnv, tempHome} from './helpers.js';

const fail = (code: string) => Object.assign(new Error(`${code}: injected`), {code});

/** Real fs calls, with `writeSync` and friends replaced where a test says. */
function injected(overrides: Partial<AppendFs>): AppendFs {
  return {writeSync: fs.writeSync, fsyncSync: fs.fsyncSync, ftruncateSync: fs.ftruncateSync, fstatSync: fs.fstatSync, ...overrides};
}

/** Every line of the file parses as JSON on its own: nothing torn, nothing glued. */
function jsonLines(path: string): Array<Record<string, unknown>> {
  const text = readFileSync(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('SessionWriter.append when the disk fails (injected fs)', () => {
  const setup = (io: Partial<AppendFs>, state: {broken: boolean}) => {
    const dir = mkdtempSync(join(tmpdir(), 'gemma-append-'));
    const real = injected({});
    // Healthy until `state.broken`: then the overrides apply.
    const switching: AppendFs = {
      writeSync: ((fd: number, buffer: Buffer, offset: number, length: number) =>
        (state.broken && io.writeSync ? io.writeSync : real.writeSync)(fd, buffer, offset, length)) as typeof fs.writeSync,
      fsyncSync: (fd) => (state.broken && io.fsyncSync ? io.fsyncSync : real.fsyncSync)(fd),
      ftruncateSync: (fd, len) => (state.broken && io.ftruncateSync ? io.ftruncateSync : real.ftruncateSync)(fd, len),
      fstatSync: ((fd: number) => real.fstatSync(fd)) as typeof fs.fstatSync,
    };
    const writer = new SessionWriter(dir, 'disk-test', undefined, switching);
    writer.append({type: 'user', text: 'kept'});
    return {writer, before: readFileSync(writer.path, 'utf8')};
  };

  it('a short write then ENOSPC: says so in words, and cuts the partial line off again', () => {
    const state = {broken: false};
    let calls = 0;
    const {writer, before} = setup({
      // Half the line goes down, then the disk is full.
      writeSync: ((fd: number, buffer: Buffer, offset: number, length: number) => {
        if (calls++ === 0) return fs.writeSync(fd, buffer, offset, Math.ceil(length / 2));
        throw fail('ENOSPC');
      }) as typeof fs.writeSync,
    }, state);
    state.broken = true;
    expect(() => writer.append({type: 'user', text: 'lost to a full disk'})).toThrow('could not save to session disk-test: no space left on device');
    expect(readFileSync(writer.path, 'utf8')).toBe(before);
    state.broken = false;
    writer.append({type: 'user', text: 'after'});
    writer.close();
    expect(jsonLines(writer.path).map((event) => event.text)).toEqual([undefined, 'kept', 'after']);
  });

  it('a write that writes nothing (a short write to the end): reported, nothing left behind', () => {
    const state = {broken: false};
    const {writer, before} = setup({writeSync: (() => 0) as unknown as typeof fs.writeSync}, state);
    state.broken = true;
    expect(() => writer.append({type: 'user', text: 'x'})).toThrow('could not save to session disk-test: short write');
    expect(readFileSync(writer.path, 'utf8')).toBe(before);
    writer.close();
  });

  it('fsync fails with EIO after the line was written: the line is taken back, since it may not be on disk', () => {
    const state = {broken: false};
    const {writer, before} = setup({fsyncSync: () => {
      throw fail('EIO');
    }}, state);
    state.broken = true;
    expect(() => writer.append({type: 'user', text: 'x'})).toThrow('could not save to session disk-test: input/output error');
    expect(readFileSync(writer.path, 'utf8')).toBe(before);
    writer.close();
  });

  it('when the partial line cannot be cut off either, the next event starts on a fresh line', () => {
    const state = {broken: false};
    let calls = 0;
    const {writer} = setup({
      writeSync: ((fd: number, buffer: Buffer, offset: number, _length: number) => {
        if (calls++ === 0) return fs.writeSync(fd, buffer, offset, 10);
        throw fail('EIO');
      }) as typeof fs.writeSync,
      ftruncateSync: () => {
        throw fail('EIO');
      },
    }, state);
    state.broken = true;
    expect(() => writer.append({type: 'user', text: 'torn'})).toThrow('could not save to session disk-test: input/output error');
    state.broken = false;
    writer.append({type: 'user', text: 'after'});
    writer.close();
    const lines = readFileSync(writer.path, 'utf8').split('\n');
    // header, kept, the 10 torn bytes on a line of their own, then ours whole.
    expect(lines).toHaveLength(5);
    expect(lines[2]).toHaveLength(10);
    expect(JSON.parse(lines[3]!)).toMatchObject({type: 'user', text: 'after'});
    expect(lines[4]).toBe('');
  });
});

describe('chat: a failing session file is reported once', () => {
  it('one warning for a run of failed appends; another only after it worked in between', async () => {
    const answer = async function* (task: TextInferenceTask): AsyncGenerator<InferenceEvent> {
      yield {type: 'text', text: 'ok', index: 0};
      yield {type: 'done', results: [{taskUUID: task.taskUUID, index: 0, text: 'ok', reasoning: '', finishReason: 'stop'}]};
    };
    const session = new ChatSession({
      layers: {env: {}, stored: {}, defaults: {}},
      flags: new Map(),
      infer: (task) => answer(task),
      connect: (_settings, signal) => ({baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', timeoutMs: 1000, signal}),
    });
    let healthy = false;
    const appended: string[] = [];
    session.attachRecorder({
      id: 'abc',
      opened: true,
      close: () => undefined,
      append: (event) => {
        if (!healthy) throw new GemmaError('could not save to session abc: no space left on device', 1);
        appended.push(event.type);
      },
    });
    const notices = () => session.getSnapshot().entries.filter((e): e is NoticeEntry => e.kind === 'notice');
    await session.send('one');
    await session.send('two');
    expect(notices()).toEqual([expect.objectContaining({level: 'warning', text: 'could not save to session abc: no space left on device'})]);
    healthy = true;
    await session.send('three');
    healthy = false;
    await session.send('four');
    expect(notices()).toHaveLength(2);
    expect(appended).toEqual(['user', 'assistant']);
    // Every answer was still shown.
    expect(session.getSnapshot().entries.filter((e) => e.kind === 'assistant')).toHaveLength(4);
  });
});

/** A 64 KiB tmpfs: a disk that really fills. */
const disk = mountSmallDisk('full-disk');
const MOUNT = disk?.path ?? '';

/**
 * Fills the disk with one-page files until it says it is full, then frees `pages` of them: room
 * for the lock file (and a new session's first page), none for a long answer.
 */
function fillDisk(pages: number): void {
  const page = Buffer.alloc(4096, 0x61);
  const fillers: string[] = [];
  for (;;) {
    const path = join(MOUNT, `filler-${fillers.length}-${Date.now()}`);
    fillers.push(path);
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, page);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      break;
    } finally {
      fs.closeSync(fd);
    }
  }
  for (const path of fillers.slice(0, pages)) fs.rmSync(path);
}

describe.skipIf(!disk)('a really full disk (tmpfs)', () => {
  const sim = useSimulator();
  afterAll(() => {
    disk?.unmount();
  });
  let home: {configDir: string; dataDir: string};
  beforeAll(() => {
    home = {...tempHome(), dataDir: join(MOUNT, 'data')};
  });

  it('ask -c: the answer prints, one line says the session was not saved, exit 0, the file as it was', async () => {
    // A chat makes the session that -c follows.
    const chat = await runCli(['chat'], {stdin: 'first\n', env: simEnv(sim, home)});
    expect(chat.code).toBe(0);
    const sessionsDir = join(home.dataDir, 'sessions');
    const [file] = readdirSync(sessionsDir).filter((name) => name.endsWith('.jsonl'));
    const path = join(sessionsDir, file!);
    const before = readFileSync(path, 'utf8');
    const id = file!.replace(/\.jsonl$/, '');
    fillDisk(1);
    // Long enough to need pages the disk no longer has: a short write, then ENOSPC.
    sim.script({tokens: 3000});
    const run = await runCli(['ask', '-c', 'more'], {env: simEnv(sim, home)});
    expect(run.stdout.length).toBeGreaterThan(10_000);
    expectNoTrace(run.stderr);
    expect(run.stderr).toBe(`gemma: could not save to session ${id}: no space left on device\n`);
    expect(run.code).toBe(0);
    const after = readFileSync(path, 'utf8');
    // What fitted may be kept (the question), never a torn line.
    expect(after.startsWith(before)).toBe(true);
    // The question fitted in the file's last page; the answer did not, and left nothing behind.
    expect(jsonLines(path).map((event) => event.type).slice(before.split('\n').length - 1)).toEqual(['user']);
    expect(jsonLines(path).filter((event) => event.type === 'assistant')).toHaveLength(1);
  });

  it('plain chat: the answer prints, one warning, exit 0, no torn line', async () => {
    for (const name of readdirSync(MOUNT)) fs.rmSync(join(MOUNT, name), {recursive: true});
    mkdirSync(join(home.dataDir, 'sessions'), {recursive: true});
    fillDisk(2);
    sim.script({tokens: 3000});
    const chat = await runCli(['chat'], {stdin: 'one\n', env: simEnv(sim, home)});
    expect(chat.stdout.length).toBeGreaterThan(10_000);
    expect(chat.stderr).toMatch(/^gemma: warning: could not save to session [\w-]+: no space left on device\n$/);
    expect(chat.code).toBe(0);
    for (const name of readdirSync(join(home.dataDir, 'sessions')).filter((entry) => entry.endsWith('.jsonl'))) {
      const text = readFileSync(join(home.dataDir, 'sessions', name), 'utf8');
      if (text !== '') jsonLines(join(home.dataDir, 'sessions', name));
    }
  });
});
