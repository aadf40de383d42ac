import type {UndiciLoader} from '../api/types.js';
import {UsageError} from '../errors.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {htmlToMarkdown, type TurndownLoader} from './html-to-markdown.js';
import {formatSize, SOURCE_LIMITS} from './source-limits.js';

export interface UrlFetching {
  /** Set when HTTPS_PROXY / HTTP_PROXY is: the request then goes through undici's EnvHttpProxyAgent (NO_PROXY honoured). */
  useProxy: boolean;
  loadUndici: UndiciLoader;
  loadTurndown: TurndownLoader;
  userAgent: string;
  /** Tests shorten it. */
  timeoutMs?: number;
}

type Fetch = (url: URL, init: RequestInit) => Promise<Response>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The text of an http(s) URL: text/*, markdown and JSON as they come, HTML as markdown, anything
 * else refused with its content type. Redirects are followed by hand, so that at most
 * SOURCE_LIMITS.maxRedirects are; the body is read only up to SOURCE_LIMITS.maxUrlBytes. Every
 * failure is a UsageError naming the URL: nothing has been sent to the model yet.
 */
export async function fetchUrlText(source: string, fetching: UrlFetching): Promise<string> {
  const refuse = (why: string): never => {
    // What the server said (a status text, a type, a Location) is shown, never obeyed.
    throw new UsageError(`-f "${source}": ${terminalSafe(why)}`);
  };
  const send = await fetchFor(fetching);
  const timeoutMs = fetching.timeoutMs ?? SOURCE_LIMITS.urlTimeoutMs;
  const signal = AbortSignal.timeout(timeoutMs);
  let url = parseUrl(source) ?? refuse('not a valid URL');
  // fetch refuses them itself, quoting the URL, password and all, in its message.
  if (url.username || url.password) refuse('a URL with a user name or password is not fetched; allowed: an http(s) URL without them');
  for (let redirects = 0; ; redirects += 1) {
    let response: Response;
    try {
      response = await send(url, {redirect: 'manual', signal, headers: {'user-agent': fetching.userAgent, accept: 'text/markdown, text/plain, text/html, application/json;q=0.9, */*;q=0.1'}});
    } catch (error) {
      return refuse(fetchFailure(error, signal, timeoutMs));
    }
    if (REDIRECTS.has(response.status)) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) return refuse(`the server answered ${response.status} without a Location`);
      if (redirects === SOURCE_LIMITS.maxRedirects) return refuse(`more than ${SOURCE_LIMITS.maxRedirects} redirects; allowed: at most ${SOURCE_LIMITS.maxRedirects}`);
      url = parseUrl(location, url) ?? refuse('redirected to an address that is not a valid URL');
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse(`redirected to a ${url.protocol} URL; allowed: http and https`);
      if (url.username || url.password) return refuse('redirected to a URL with a user name or password; allowed: one without them');
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      return refuse(`the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    return await readText(response, {refuse, signal, timeoutMs, loadTurndown: fetching.loadTurndown});
  }
}

type Refuse = (why: string) => never;

interface Reading {
  refuse: Refuse;
  signal: AbortSignal;
  timeoutMs: number;
  loadTurndown: TurndownLoader;
}

async function readText(response: Response, reading: Reading): Promise<string> {
  const {refuse} = reading;
  const contentType = response.headers.get('content-type') ?? '';
  const [essence = '', ...params] = contentType.split(';').map((part) => part.trim());
  const type = essence.toLowerCase();
  const html = type === 'text/html' || type === 'application/xhtml+xml';
  const text = html || type.startsWith('text/') || type === 'application/json' || type.endsWith('+json');
  if (!text) {
    await response.body?.cancel();
    return refuse(`${type ? `its content type is ${type}` : 'it has no content type'}; allowed: text, markdown, JSON or HTML`);
  }
  const bytes = await readBounded(response, reading);
  const charset = params.find((param) => /^charset=/i.test(param))?.slice('charset='.length).replace(/^"|"$/g, '') || 'utf-8';
  let decoded = '';
  try {
    decoded = new TextDecoder(charset, {fatal: true}).decode(bytes);
  } catch {
    refuse(`its body is not ${charset} text`);
  }
  if (decoded.includes('\u0000')) refuse('its body looks binary');
  const result = html ? await convertHtml(decoded, reading) : decoded;
  if (Buffer.byteLength(result) > SOURCE_LIMITS.maxTextBytes) refuse(`its text is over ${formatSize(SOURCE_LIMITS.maxTextBytes)}; allowed: at most ${formatSize(SOURCE_LIMITS.maxTextBytes)}`);
  return result;
}

/** A page as markdown; one whose elements nest deeper than turndown's recursion can go is refused, not a crash. */
async function convertHtml(html: string, {refuse, loadTurndown}: Reading): Promise<string> {
  try {
    return await htmlToMarkdown(html, loadTurndown);
  } catch (error) {
    // turndown walks the page recursively: a couple of thousand nested <div>s overflow the stack.
    if (error instanceof RangeError) return refuse('its HTML is nested too deeply to convert to markdown');
    throw error;
  }
}

async function readBounded(response: Response, {refuse, signal, timeoutMs}: Reading): Promise<Uint8Array> {
  const limit = SOURCE_LIMITS.maxUrlBytes;
  const tooLarge = `its body is over ${formatSize(limit)}; allowed: at most ${formatSize(limit)}`;
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body?.cancel();
    return refuse(tooLarge);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
      size += read.value.length;
      if (size > limit) {
        await reader?.cancel();
        return refuse(tooLarge);
      }
      chunks.push(read.value);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return refuse(fetchFailure(error, signal, timeoutMs));
  }
  return Buffer.concat(chunks);
}

function fetchFailure(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `no complete answer within ${timeoutMs / 1000} s`;
  const cause = (error as {cause?: {code?: string; message?: string}}).cause;
  return `cannot fetch it (${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))})`;
}

function parseUrl(text: string, base?: URL): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

let proxied: Promise<Fetch> | undefined;

/** Node's own fetch, or with a proxy set, the undici package's with its EnvHttpProxyAgent (loaded on first use). */
function fetchFor({useProxy, loadUndici}: UrlFetching): Promise<Fetch> {
  if (!useProxy) return Promise.resolve(globalThis.fetch as Fetch);
  proxied ??= loadUndici().then((loaded) => {
    // undici is CommonJS: bundled, its exports may sit on `default`.
    const {EnvHttpProxyAgent, fetch} = (loaded as unknown as {default?: typeof loaded}).default ?? loaded;
    // http:// URLs go to the proxy as plain absolute-URI requests, what a forward proxy expects;
    // only https:// ones are tunnelled with CONNECT (as the API's requests do: send-request.ts).
    const dispatcher = new EnvHttpProxyAgent({proxyTunnel: false});
    return ((url, init) => fetch(url, {...init, dispatcher} as Parameters<typeof fetch>[1]) as unknown as Promise<Response>) as Fetch;
  });
  return proxied;
}
