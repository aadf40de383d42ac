import {createServer, request, type Server} from 'node:http';
import {connect, type Socket} from 'node:net';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import type {Simulator} from '../support/simulator.js';
import {useSimulator} from '../support/use-simulator.js';
import {CHAT_SUMMARY, closedPort, expectNoTrace, runCli, simEnv, startCli, type CliRun, type Env} from './helpers.js';

const sim = useSimulator();

type Command = 'ask' | 'chat';
const run = (command: Command, args: string[], env: Env = {}): Promise<CliRun> =>
  command === 'ask'
    ? runCli(['ask', 'hi', ...args], {env: simEnv(sim, undefined, env)})
    : runCli(['chat', ...args], {stdin: 'hi\n', env: simEnv(sim, undefined, env)});

const PLAIN_HTTP_WARNING = /^gemma: warning: .*plain http.*unencrypted/;
const RETRY = /; retrying in \d+\.\d s \(attempt [23]\)$/;

/**
 * stderr of a network failure: optional plain-http warning, exactly two retry notices (ask and
 * plain chat alike), then `final` as one line (chat: then its summary line). No stack trace.
 */
function expectNetworkFailure(command: Command, result: CliRun, final: string, plainHttp: boolean): void {
  expect(result.stdout).toBe('');
  expectNoTrace(result.stderr);
  const lines = result.stderr.split('\n');
  expect(lines.pop()).toBe('');
  if (plainHttp) expect(lines.shift()).toMatch(PLAIN_HTTP_WARNING);
  if (command === 'chat') expect(lines.pop()).toBe(CHAT_SUMMARY);
  expect(lines.pop()).toBe(final);
  expect(lines).toHaveLength(2);
  lines.forEach((line, i) => {
    expect(line).toMatch(RETRY);
    expect(line).toContain(`(attempt ${i + 2})`);
    expect(line.replace(RETRY, '')).toBe(final);
  });
  expect(result.code).toBe(1);
}

/** How many requests --verbose says were sent (one `POST <url>` line each). */
const attempts = (stderr: string) => stderr.split('\n').filter((line) => /^(gemma: )?POST http/.test(line)).length;

/**
 * The notices say three tries were made; --verbose (one `POST <url>` line per request) shows
 * that three requests were really attempted, no more.
 */
async function expectThreeTries(command: Command, base: string): Promise<void> {
  const verbose = await run(command, ['--base-url', base, '--verbose']);
  expect(verbose.code).toBe(1);
  expect(attempts(verbose.stderr)).toBe(3);
}

describe.each(['ask', 'chat'] as const)('gemma %s: unreachable service', (command) => {
  it('connection refused: one line naming the host, after 3 tries, exit 1', async () => {
    const port = await closedPort();
    const base = `http://127.0.0.1:${port}/v1`;
    const result = await run(command, ['--base-url', base]);
    expectNetworkFailure(command, result, `gemma: cannot reach 127.0.0.1:${port}: connection refused`, false);
    await expectThreeTries(command, base);
  });

  it('DNS failure: one line naming the host, after 3 tries, exit 1', async () => {
    const base = 'http://gemma-test.invalid/v1';
    const result = await run(command, ['--base-url', base]);
    expectNetworkFailure(command, result, 'gemma: cannot reach gemma-test.invalid: host not found', true);
    await expectThreeTries(command, base);
  });
});

/**
 * A tiny HTTP forward proxy in front of the simulator. It takes absolute-URI requests
 * (`POST http://host:port/v1`) and forwards them, streaming the answer back; it also tunnels
 * CONNECT, so a client that insists on tunnelling still gets through (and `seen` tells which).
 * `refuseConnect` makes it drop CONNECT requests without an answer, as a proxy that dies would.
 */
async function startProxy(target: () => Simulator): Promise<{server: Server; port: number; seen: string[]; connections: () => number; refuseConnect: boolean}> {
  const seen: string[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/');
    const upstream = new URL(target().url);
    const forward = request(
      {host: upstream.hostname, port: upstream.port, method: req.method, path: url.pathname + url.search, headers: req.headers},
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  const state = {server, port: 0, seen, connections: () => connections, refuseConnect: false};
  server.on('connection', () => connections++);
  server.on('connect', (req, socket: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    socket.on('error', () => undefined);
    if (state.refuseConnect) {
      socket.destroy();
      return;
    }
    const upstream = new URL(target().url);
    const tunnel = connect(Number(upstream.port), upstream.hostname, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      tunnel.write(head);
      tunnel.pipe(socket);
      socket.pipe(tunnel);
    });
    tunnel.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as {port: number}).port;
  return state;
}

describe('gemma ask through a proxy', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    proxy = await startProxy(() => sim);
  });
  afterAll(async () => {
    proxy.server.closeAllConnections();
    await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
  });
  beforeEach(() => {
    proxy.seen.length = 0;
    proxy.refuseConnect = false;
  });

  const viaProxy = async () => {
    const port = new URL(sim.url).port;
    sim.script({answer: 'Via the proxy, token by token.'});
    const base = `http://gemma-sim.invalid:${port}/v1`;
    const result = await runCli(['ask', 'hi', '--base-url', base], {
      env: simEnv(sim, undefined, {HTTP_PROXY: `http://127.0.0.1:${proxy.port}`}),
    });
    return {base, result};
  };

  it('honours HTTP_PROXY: the request, stream included, goes through the proxy and succeeds', async () => {
    const {result} = await viaProxy();
    expect(result.stdout).toBe('Via the proxy, token by token.\n');
    // gemma-sim.invalid is not localhost, so the plain-http warning is expected, and nothing else.
    expect(result.stderr.split('\n').slice(0, -1)).toEqual([expect.stringMatching(PLAIN_HTTP_WARNING)]);
    expect(result.code).toBe(0);
    expect(proxy.seen).toHaveLength(1);
    expect(sim.requests).toHaveLength(1);
    expect(sim.tasks()[0]?.deliveryMethod).toBe('stream');
    // The undici path sends gemma's User-Agent too, not undici's own.
    expect(sim.requests[0]?.headers['user-agent']).toMatch(/^gemma\/\d+\.\d+\.\d+\S* \(node \d+\.\d+\.\d+; \w+ \w+\)$/);
  });

  it('speaks to an HTTP_PROXY as a plain forward proxy for an http:// URL: one absolute-URI POST, no CONNECT', async () => {
    const {base, result} = await viaProxy();
    expect(result.code).toBe(0);
    expect(proxy.seen).toEqual([`POST ${base}`]);
  });

  it('a proxy that hangs up on CONNECT: gives up after its tries with one line, exit 1, without hammering the proxy', async () => {
    proxy.refuseConnect = true;
    const started = Date.now();
    const live = startCli(['ask', 'hi', '--base-url', 'https://gemma-sim.invalid/v1', '--timeout', '1'], {
      env: simEnv(sim, undefined, {HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`}),
      killAfterMs: 6_000,
    });
    const result = await live.done;
    // One object, so a failure shows everything at once (a hang also shows how hard it hit the proxy).
    expect({signal: result.signal, inTime: result.exitedAt - started < 5_000, proxyConnections: proxy.connections()}).toEqual({
      signal: null,
      inTime: true,
      proxyConnections: expect.toSatisfy((n: number) => n >= 1 && n <= 10, 'between 1 and 10 connections'),
    });
    expect(result.stdout).toBe('');
    expectNoTrace(result.stderr);
    expect(result.stderr.split('\n').at(-2)).toMatch(/^gemma: .*(gemma-sim\.invalid|127\.0\.0\.1)/);
    expect(result.code).toBe(1);
  });

  it('skips the proxy for a host NO_PROXY covers', async () => {
    sim.script({answer: 'Direct.'});
    const result = await runCli(['ask', 'hi'], {
      env: simEnv(sim, undefined, {HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: '127.0.0.1'}),
    });
    expect(result.stdout).toBe('Direct.\n');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(proxy.seen).toEqual([]);
    expect(sim.requests).toHaveLength(1);
  });
});
