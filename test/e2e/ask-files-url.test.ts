import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {createServer as createRawServer, type AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {expectOneLine, simEnv, tempHome} from '../faults/helpers.js';
import {runCli, type CliRun} from '../support/run-cli.js';
import {forwardProxy} from '../support/forward-proxy.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

const PAGE = `<!doctype html><html><head><title>T</title><style>body{color:red}</style><script>alert(1)</script></head>
<body><h1>Release notes</h1><p>Version <strong>2</strong> adds <a href="/x">links</a>.</p><pre><code>npm i gemma</code></pre></body></html>`;

/** Routes of a local web server: `/r/<n>` redirects n more times before the text. */
function route(path: string): {status: number; headers: Record<string, string>; body: string | Buffer} {
  const redirect = /^\/r\/(\d+)$/.exec(path);
  if (redirect) {
    const left = Number(redirect[1]);
    return left === 0 ? {status: 200, headers: {'content-type': 'text/plain'}, body: 'arrived\n'} : {status: 302, headers: {location: `/r/${left - 1}`}, body: ''};
  }
  switch (path) {
    case '/notes.txt':
      return {status: 200, headers: {'content-type': 'text/plain; charset=utf-8'}, body: 'café ``` notes\n'};
    case '/readme.md':
      return {status: 200, headers: {'content-type': 'text/markdown'}, body: '# Title\n\ntext\n'};
    case '/data.json':
      return {status: 200, headers: {'content-type': 'application/json'}, body: '{"a": [1, 2]}'};
    case '/page.html':
      return {status: 200, headers: {'content-type': 'text/html; charset=utf-8'}, body: PAGE};
    case '/logo.png':
      return {status: 200, headers: {'content-type': 'image/png'}, body: Buffer.from([0x89, 0x50, 0x4e, 0x47])};
    case '/nested.html':
      return {status: 200, headers: {'content-type': 'text/html'}, body: `${'<div>'.repeat(4000)}deep${'</div>'.repeat(4000)}`};
    case '/huge.txt':
      return {status: 200, headers: {'content-type': 'text/plain'}, body: 'a'.repeat(2 * 1024 * 1024 + 1)};
    default:
      return {status: 404, headers: {'content-type': 'text/plain'}, body: 'not here'};
  }
}

let server: Server;
let base = '';
const seen: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.url ?? '');
    const {status, headers, body} = route(request.url ?? '');
    response.writeHead(status, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ask = (args: string[], env: Record<string, string> = {}): Promise<CliRun> => runCli(['ask', ...args], {env: simEnv(sim, tempHome(), env)});

function sentPrompt(): string {
  expect(sim.tasks()).toHaveLength(1);
  return (sim.tasks()[0]?.messages as {content: string}[])[0]?.content ?? '';
}

describe('gemma ask -f <url>', () => {
  it('sends text/plain as it came, fenced and named by the URL', async () => {
    const result = await ask(['-f', `${base}/notes.txt`, 'read']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(sentPrompt()).toBe(`${base}/notes.txt\n\`\`\`\`\ncafé \`\`\` notes\n\`\`\`\`\n\nread`);
  });

  it('sends markdown and JSON as they came', async () => {
    expect((await ask(['-f', `${base}/readme.md`, '-f', `${base}/data.json`, 'q'])).code).toBe(0);
    expect(sentPrompt()).toBe(`${base}/readme.md\n\`\`\`\n# Title\n\ntext\n\`\`\`\n\n${base}/data.json\n\`\`\`\n{"a": [1, 2]}\n\`\`\`\n\nq`);
  });

  it('converts HTML to markdown, without its scripts and styles', async () => {
    const result = await ask(['-f', `${base}/page.html`, 'summarize']);
    expect(result.code).toBe(0);
    expect(sentPrompt()).toBe(`${base}/page.html\n\`\`\`\`\n# Release notes\n\nVersion **2** adds [links](/x).\n\n\`\`\`\nnpm i gemma\n\`\`\`\n\`\`\`\`\n\nsummarize`);
  });

  it('refuses a page nested too deeply to convert, as one line, exit 2, nothing sent', async () => {
    const result = await ask(['-f', `${base}/nested.html`, 'hi']);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, `gemma: -f "${base}/nested.html": its HTML is nested too deeply to convert to markdown`);
    expect(sim.tasks()).toHaveLength(0);
  });

  it('refuses a URL holding a user name or password in one line that does not repeat the password, nothing sent', async () => {
    const url = base.replace('http://', 'http://me:s3cret@');
    const result = await ask(['-f', `${url}/notes.txt`, 'hi']);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, `gemma: -f "${url}/notes.txt": a URL with a user name or password is not fetched; allowed: an http(s) URL without them`);
    expect(result.stderr.split('s3cret')).toHaveLength(2);
    expect(sim.tasks()).toHaveLength(0);
  });

  it('follows up to 3 redirects', async () => {
    expect((await ask(['-f', `${base}/r/3`, 'q'])).code).toBe(0);
    expect(sentPrompt()).toBe(`${base}/r/3\n\`\`\`\narrived\n\`\`\`\n\nq`);
  });

  const refusals: [string, string, string][] = [
    ['a chain of 4 redirects', '/r/4', 'more than 3 redirects; allowed: at most 3'],
    ['a type that is not text', '/logo.png', 'its content type is image/png; allowed: text, markdown, JSON or HTML'],
    ['an error status', '/missing', 'the server answered 404 Not Found'],
    ['a body over 2 MB', '/huge.txt', 'its body is over 2 MB; allowed: at most 2 MB'],
  ];
  it.each(refusals)('refuses %s: exit 2, one line naming the URL, nothing sent', async (_what, path, why) => {
    const result = await ask(['-f', `${base}${path}`, 'q']);
    expectOneLine(result.stderr, `gemma: -f "${base}${path}": ${why}`);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
    expect(sim.requests).toHaveLength(0);
  });

  it('stops at the fourth redirect without fetching it', async () => {
    seen.length = 0;
    await ask(['-f', `${base}/r/4`, 'q']);
    expect(seen).toEqual(['/r/4', '/r/3', '/r/2', '/r/1']);
  });

  it('refuses a URL nothing answers at', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await ask(['-f', `http://127.0.0.1:${port}/x`, 'q']);
    expectOneLine(result.stderr, `gemma: -f "http://127.0.0.1:${port}/x": cannot fetch it (ECONNREFUSED)`);
    expect(result.code).toBe(2);
    expect(sim.requests).toHaveLength(0);
  });

  it('goes through HTTP_PROXY when it is set (the API request too), and around it for NO_PROXY hosts', async () => {
    const {seen: proxied, server: proxy} = forwardProxy();
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      expect((await ask(['-f', `${base}/notes.txt`, 'q'], {HTTP_PROXY: proxyUrl})).code).toBe(0);
      expect(proxied).toContain(`GET ${base}/notes.txt`);
      expect(sentPrompt()).toBe(`${base}/notes.txt\n\`\`\`\`\ncafé \`\`\` notes\n\`\`\`\`\n\nq`);
      proxied.length = 0;
      sim.reset();
      expect((await ask(['-f', `${base}/notes.txt`, 'q'], {HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1'})).code).toBe(0);
      expect(proxied).toEqual([]);
      expect(sim.tasks()).toHaveLength(1);
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('shows what the server said inert: a status text holding an escape sequence is not obeyed', async () => {
    const raw = createRawServer((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 404 Gone\u001b]0;pwned\u0007\r\ncontent-length: 0\r\nconnection: close\r\n\r\n'));
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/`;
    try {
      const result = await ask(['-f', url, 'q']);
      expectOneLine(result.stderr, `gemma: -f "${url}": the server answered 404 Gone^[]0;pwned^G`);
      expect(result.stderr).not.toContain('\u001b');
      expect(result.code).toBe(2);
      expect(sim.requests).toHaveLength(0);
    } finally {
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    }
  });

  it('loads the -f loaders and turndown only when they are needed, never for a plain ask', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gemma-loaded-'));
    const hook = join(dir, 'record-loaded.cjs');
    // Preloaded into gemma: on exit, every module file Node's require loaded.
    writeFileSync(hook, "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED_OUT, Object.keys(require.cache).join('\\n')));\n");
    const loaded = async (args: string[], name: string): Promise<string> => {
      const out = join(dir, name);
      expect((await ask(args, {NODE_OPTIONS: `--require ${hook}`, LOADED_OUT: out})).code).toBe(0);
      return readFileSync(out, 'utf8');
    };
    const plain = await loaded(['q'], 'plain.txt');
    expect(plain).toContain('lazy-imports.cjs');
    expect(plain).not.toMatch(/context\.cjs|turndown|domino/);
    const text = await loaded(['-f', `${base}/notes.txt`, 'q'], 'text.txt');
    expect(text).toContain('context.cjs');
    expect(text).not.toMatch(/turndown|domino/);
    expect(await loaded(['-f', `${base}/page.html`, 'q'], 'html.txt')).toMatch(/turndown/);
  });
});
