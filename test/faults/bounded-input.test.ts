import {spawn} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {feedEndlessly, startHostileServer, type HostileMode, type HostileServer} from '../support/hostile-server.js';
import {cliEnv} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';
import {expectOneLine, GEMMA_BIN, runCli, simEnv, sleep, tempHome, waitUntil} from './helpers.js';

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
});
