import {createServer, type Server} from 'node:http';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {forwardProxy} from '../support/forward-proxy.js';
import {useSimulator} from '../support/use-simulator.js';
import {closedPort, expectNoTrace, expectOneLine, runCli, simEnv, type Env} from './helpers.js';

const sim = useSimulator();

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as {port: number}).port;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A server that answers every POST with `status` and `Location: location()`, counting them. */
function redirector(status: number, location: () => string) {
  const state = {posts: 0, server: createServer((req, res) => {
    state.posts++;
    req.resume();
    req.on('end', () => {
      res.writeHead(status, {location: location(), 'content-type': 'text/html'});
      res.end('<a href="elsewhere">moved</a>');
    });
  })};
  return state;
}

describe.each([
  {path: 'node:http (no proxy)', viaProxy: false},
  {path: 'undici (HTTP_PROXY)', viaProxy: true},
])('a 3xx answer is not followed: $path', ({viaProxy}) => {
  const proxy = forwardProxy();
  let proxyPort = 0;
  const moved = redirector(307, () => `${sim.url}`);
  const movedWithUserinfo = redirector(308, () => sim.url.replace('http://', 'http://alice:s3cret@'));
  const ports = {moved: 0, movedWithUserinfo: 0};
  beforeAll(async () => {
    proxyPort = await listen(proxy.server);
    ports.moved = await listen(moved.server);
    ports.movedWithUserinfo = await listen(movedWithUserinfo.server);
  });
  afterAll(async () => {
    await Promise.all([close(proxy.server), close(moved.server), close(movedWithUserinfo.server)]);
  });
  beforeEach(() => {
    proxy.seen.length = 0;
    moved.posts = 0;
    movedWithUserinfo.posts = 0;
  });
  const env = (): Env => simEnv(sim, undefined, viaProxy ? {HTTP_PROXY: `http://127.0.0.1:${proxyPort}`, NO_PROXY: ''} : {});

  it('307: one line saying where it pointed, exit 1, nothing sent there and nothing sent again', async () => {
    const base = `http://127.0.0.1:${ports.moved}/v1`;
    const result = await runCli(['ask', 'hi', '--base-url', base], {env: env()});
    expect(result.stdout).toBe('');
    expectOneLine(result.stderr, `gemma: the server answered HTTP 307 and pointed to ${sim.url}; not followed`);
    expect(result.code).toBe(1);
    expect(sim.requests).toHaveLength(0);
    expect(moved.posts).toBe(1);
    expect(proxy.seen).toEqual(viaProxy ? [`POST ${base}`] : []);
  });

  it('308 to a location with userinfo: the userinfo is not shown', async () => {
    const result = await runCli(['ask', 'hi', '--no-stream', '--base-url', `http://127.0.0.1:${ports.movedWithUserinfo}/v1`], {env: env()});
    expect(result.stdout).toBe('');
    expectOneLine(result.stderr, `gemma: the server answered HTTP 308 and pointed to ${sim.url.replace('http://', 'http://***@')}; not followed`);
    expect(result.stderr).not.toContain('s3cret');
    expect(result.stderr).not.toContain('alice');
    expect(result.code).toBe(1);
    expect(sim.requests).toHaveLength(0);
    expect(movedWithUserinfo.posts).toBe(1);
  });
});

describe('a proxy that cannot be reached is named, not the API host', () => {
  const cases = [
    {variable: 'HTTP_PROXY', base: 'http://gemma-sim.invalid/v1', how: 'forward proxy, http:// service'},
    {variable: 'HTTPS_PROXY', base: 'https://gemma-sim.invalid/v1', how: 'CONNECT tunnel, https:// service'},
  ];
  it.each(cases)('$variable ($how): connection refused', async ({variable, base}) => {
    const port = await closedPort();
    const result = await runCli(['ask', 'hi', '--base-url', base], {env: simEnv(sim, undefined, {[variable]: `http://user:pw@127.0.0.1:${port}`})});
    expect(result.stdout).toBe('');
    expectNoTrace(result.stderr);
    const lines = result.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('gemma: warning:'));
    // Refused proves nothing was sent, so it is retried; every line names the proxy.
    expect(lines.at(-1)).toBe(`gemma: cannot reach proxy 127.0.0.1:${port}: connection refused`);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(new RegExp(`^gemma: cannot reach proxy 127\\.0\\.0\\.1:${port}: connection refused`));
    expect(lines.join('\n')).not.toContain('gemma-sim.invalid');
    expect(result.stderr).not.toContain('user:pw');
    expect(result.code).toBe(1);
  });

  it('a proxy host that does not resolve: named with its port', async () => {
    const result = await runCli(['ask', 'hi', '--base-url', 'https://gemma-sim.invalid/v1'], {env: simEnv(sim, undefined, {HTTPS_PROXY: 'http://proxy.invalid:3128'})});
    expect(result.stderr.split('\n').at(-2)).toBe('gemma: cannot reach proxy proxy.invalid:3128: host not found');
    expect(result.code).toBe(1);
  });
});
