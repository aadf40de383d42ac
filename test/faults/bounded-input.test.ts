import {spawn} from 'node:child_process';
import {appendFileSync, closeSync, mkdirSync, openSync, readdirSync, truncateSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ProtocolError} from '../../src/errors.js';
import {MAX_EVENT_BYTES, SseDecoder} from '../../src/api/wire/sse.js';
import {feedEndlessly, startHostileServer, type HostileMode, type HostileServer} from '../support/hostile-server.js';
import {cliEnv} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';
import {expectChatFailure, expectOneLine, GEMMA_BIN, runCli, simEnv, sleep, tempHome, waitUntil} from './helpers.js';

const sim = useSimulator();
const TOO_LARGE = 'gemma: stdin is larger than 8 MiB; allowed: at most 8 MiB of text';

describe('stdin that never ends is cut off at 8 MiB', () => {
  // A character device reports size 0: read whole, it grew to the machine's memory and never ended.
  it.each([
    ['ask', ['ask', 'x'], '/dev/zero'],
    ['ask', ['ask', 'x'], '/dev/urandom'],
    ['chat', ['chat', 'x'], '/dev/zero'],
  ])('gemma %s < %s: exit 2 with the limit, nothing sent', async (_command, args, device) => {
    const result = await runCli(args, {stdinFile: device, env: simEnv(sim)});
    expect(result.stdout).toBe('');
    expectOneLine(result.stderr, TOO_LARGE);
    expect(result.code).toBe(2);
    expect(sim.requests).toHaveLength(0);
  });

  it('yes | gemma ask x: exit 2 with the limit, nothing sent', async () => {
    const child = spawn(process.execPath, [GEMMA_BIN, 'ask', 'x'], {env: cliEnv(tempHome(), simEnv(sim)), stdio: ['pipe', 'pipe', 'pipe']});
    const feed = feedEndlessly(child.stdin, 'y\n'.repeat(4096));
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    feed.stop();
    expectOneLine(stderr, TOO_LARGE);
    expect(code).toBe(2);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('gemma chat < /dev/zero (one line without end)', () => {
  it('refuses the line as soon as it passes 8 MiB, keeps none of it, and stops on SIGTERM (143)', async () => {
    const zero = openSync('/dev/zero', 'r');
    const child = spawn(process.execPath, [GEMMA_BIN, 'chat'], {env: cliEnv(tempHome(), simEnv(sim)), stdio: [zero, 'pipe', 'pipe']});
    closeSync(zero);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waitUntil(() => stderr.includes('\n'), 'the refusal');
    child.kill('SIGTERM');
    expect(await closed).toBe(143);
    expect(stdout).toBe('');
    expect(stderr).toBe('gemma: stdin line 1 is longer than 8 MiB; allowed: at most 8 MiB of text; not sent\ngemma: terminated\n');
    expect(sim.requests).toHaveLength(0);
  });
});

describe('piped chat reads a line only when the turn before it is done', () => {
  it('yes-like endless stdin with the first answer held back: stdin is left unread, SIGTERM ends it (143)', async () => {
    sim.script({fault: 'stall', afterEvents: 0});
    const home = tempHome();
    const child = spawn(process.execPath, [GEMMA_BIN, 'chat'], {env: cliEnv(home, simEnv(sim, home)), stdio: ['pipe', 'pipe', 'pipe']});
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // 4 KiB lines: a reader that queues every line takes in tens of MiB a second.
    const feed = feedEndlessly(child.stdin, `${'y'.repeat(4095)}\n`);
    await waitUntil(() => sim.requests.length === 1, 'the first question to arrive');
    await sleep(1000);
    // The pipe and the stream buffers hold a few hundred KiB; the rest waits in the writer.
    expect(feed.bytes).toBeLessThan(4 * 1024 * 1024);
    expect(sim.requests).toHaveLength(1);
    child.kill('SIGTERM');
    const code = await closed;
    feed.stop();
    expect(code).toBe(143);
    expect(stderr).toContain('gemma: terminated');
  });
});

describe('a server that sends without end is cut off', () => {
  let server: HostileServer;
  beforeAll(async () => {
    server = await startHostileServer('endless-sse-line');
  });
  afterAll(() => server.close());

  const EVENT = 'gemma: the server sent an event larger than 16 MiB; it was not read';
  const BODY = 'gemma: the server sent a response larger than 64 MiB; it was not read';
  it.each<[HostileMode, string, string]>([
    ['endless-sse-line', 'stream', EVENT],
    ['endless-sse-event', 'stream', EVENT],
    ['endless-json', 'sync', BODY],
    ['endless-error', 'sync', BODY],
    ['endless-error', 'stream', BODY],
  ])('%s (--delivery %s): one line, exit 1, a bounded read', async (mode, delivery, message) => {
    server.mode = mode;
    const before = server.requests;
    const home = tempHome();
    const env = {RUNWARE_BASE_URL: server.url, RUNWARE_API_KEY: 'hostile-key-1234', GEMMA_CONFIG_DIR: home.configDir, GEMMA_DATA_DIR: home.dataDir};
    const result = await runCli(['ask', '--delivery', delivery, 'hi'], {env});
    expect(result.stdout).toBe('');
    expectOneLine(result.stderr, message);
    expect(result.code).toBe(1);
    // Not resent: the answer came, it was only too large.
    expect(server.requests - before).toBe(1);
  });

  it.each(['ask', 'chat'] as const)('%s: an answer of small events without end stops at 16 MiB with one line, exit 1, the text so far kept', async (command) => {
    server.mode = 'endless-sse-deltas';
    const before = server.requests;
    const home = tempHome();
    const env = {RUNWARE_BASE_URL: server.url, RUNWARE_API_KEY: 'hostile-key-1234', GEMMA_CONFIG_DIR: home.configDir, GEMMA_DATA_DIR: home.dataDir};
    const result = await runCli(command === 'ask' ? ['ask', 'hi'] : ['chat'], {env, stdin: command === 'chat' ? 'hi\n' : '', timeoutMs: 60_000});
    // What arrived up to the limit is on stdout (and nothing past it), as after any mid-stream failure.
    expect(result.stdout.length).toBeGreaterThan(15 * 1024 * 1024);
    expect(result.stdout.length).toBeLessThanOrEqual(16 * 1024 * 1024 + 1);
    const line = 'gemma: the answer passed 16 MiB; the rest was not read';
    if (command === 'ask') expectOneLine(result.stderr, line);
    else expectChatFailure(result.stderr, line);
    expect(result.code).toBe(1);
    expect(server.requests - before).toBe(1);
  }, 90_000);
});

describe('session files that cannot be used as they are', () => {
  const sessionsDir = (home: {dataDir: string}) => join(home.dataDir, 'sessions');
  const gemma = (home: {configDir: string; dataDir: string}, args: string[], stdin = '') => runCli(args, {env: simEnv(sim, home), stdin});

  it('a session file over 256 MiB is named in an error (exit 1), never taken as absent: its name is not reused', async () => {
    const home = tempHome();
    mkdirSync(sessionsDir(home), {recursive: true, mode: 0o700});
    const big = join(sessionsDir(home), 'big.jsonl');
    writeFileSync(big, `${JSON.stringify({type: 'session', version: 1, id: 'big', name: 'big', at: '2026-01-01T00:00:00.000Z'})}\n`);
    truncateSync(big, 256 * 1024 * 1024 + 1); // sparse: nothing written
    const message = `gemma: session file ${big} is 268435457 bytes; allowed: at most 256 MiB; move it out of that folder to go on`;
    for (const args of [['sessions', 'list'], ['chat', '--session', 'big'], ['chat', '-c'], ['sessions', 'show', 'big']]) {
      const result = await gemma(home, args, 'hi\n');
      expect(result.stdout, args.join(' ')).toBe('');
      expectOneLine(result.stderr, message);
      expect(result.code).toBe(1);
    }
    expect(sim.requests).toHaveLength(0);
    expect(readdirSync(sessionsDir(home))).toEqual(['big.jsonl']);
  });

  it('a folder where a session file belongs is named in an error, exit 1', async () => {
    const home = tempHome();
    mkdirSync(join(sessionsDir(home), 'odd.jsonl'), {recursive: true});
    const result = await gemma(home, ['sessions', 'list']);
    expectOneLine(result.stderr, `gemma: session file ${join(sessionsDir(home), 'odd.jsonl')} cannot be read (it is a folder); move it out of that folder to go on`);
    expect(result.code).toBe(1);
  });

  it('lines with the wrong types are skipped with a warning naming the file and lines; list, show, search, rename and resume go on', async () => {
    const home = tempHome();
    sim.script({answer: 'First answer.'}, {answer: 'Resumed answer.'});
    expect((await gemma(home, ['chat', '--session', 'typed'], 'first question\n')).code).toBe(0);
    const [file] = readdirSync(sessionsDir(home));
    const path = join(sessionsDir(home), file!);
    const at = '2026-12-01T00:00:00.000Z';
    // Lines 4 to 8: a number where text belongs, in each kind of event that carries text.
    appendFileSync(path, [
      {type: 'user', at, text: 5},
      {type: 'assistant', at, text: {}, finishReason: 'stop', interrupted: false},
      {type: 'rename', at, name: 7},
      {type: 'setting', at, name: 'temperature', value: {deep: true}},
      {type: 'user', at: 12, text: 'no time'},
    ].map((event) => `${JSON.stringify(event)}\n`).join(''));
    const warning = `gemma: warning: skipped 5 unreadable line(s) in ${path} (lines 4, 5, 6, 7, 8: a write torn by a crash, or not a gemma event)`;

    const list = await gemma(home, ['sessions', 'list']);
    expect(list.stdout).toMatch(/^typed\s+.*1 turn\s+first question\n$/);
    expectOneLine(list.stderr, warning);
    expect(list.code).toBe(0);

    const show = await gemma(home, ['sessions', 'show', 'typed']);
    expect(show.stdout).toBe('# typed\n\n## You\n\nfirst question\n\n## Gemma\n\nFirst answer.\n');
    expectOneLine(show.stderr, warning);

    const search = await gemma(home, ['sessions', 'search', 'first']);
    expect(search.stdout).toContain('you: first question');
    expectOneLine(search.stderr, warning);

    const resumed = await gemma(home, ['chat', '-c'], 'second question\n');
    expect(resumed.stdout).toBe('Resumed answer.\n');
    expect(resumed.stderr).toContain(warning);
    expect(resumed.code).toBe(0);
    expect(sim.tasks().at(-1)?.messages).toEqual([
      {role: 'user', content: 'first question'},
      {role: 'assistant', content: 'First answer.'},
      {role: 'user', content: 'second question'},
    ]);

    const rename = await gemma(home, ['sessions', 'rename', 'typed', 'renamed']);
    expect(rename.stderr).toContain(warning);
    expect(rename.code).toBe(0);
  });
});

describe('the SSE event limit counts one event, not the stream', () => {
  const MiB = Buffer.alloc(1024 * 1024, 'x');
  /** The payloads one chunk completed. */
  const pushed = (decoder: SseDecoder, chunk: Uint8Array): unknown[] => {
    const out: unknown[] = [];
    decoder.push(chunk, (payload) => out.push(payload));
    return out;
  };

  it('takes a stream of many small events far past 16 MiB in all', () => {
    const decoder = new SseDecoder();
    const event = Buffer.from(`data: ${JSON.stringify({delta: {text: 'y'.repeat(4000)}})}\n\n`);
    const chunk = Buffer.concat(Array.from({length: 16}, () => event));
    let count = 0;
    for (let sent = 0; sent <= 2 * MAX_EVENT_BYTES; sent += chunk.length) decoder.push(chunk, () => count++);
    expect(count).toBeGreaterThan((2 * MAX_EVENT_BYTES) / event.length);
  });

  it('refuses one event that grows past 16 MiB, before the parser holds more', () => {
    const decoder = new SseDecoder();
    expect(pushed(decoder, Buffer.from('data: {"delta":{"text":"ok"}}\n\ndata: "'))).toEqual([{delta: {text: 'ok'}}]);
    // Counted per chunk: the start of the event, in the chunk that ended the one before, is not.
    for (let i = 0; i < 16; i++) expect(pushed(decoder, MiB)).toEqual([]);
    expect(() => pushed(decoder, MiB)).toThrow(ProtocolError);
    expect(() => pushed(new SseDecoder(), Buffer.alloc(MAX_EVENT_BYTES + 1, 'x'))).toThrow('the server sent an event larger than 16 MiB; it was not read');
  });
});
