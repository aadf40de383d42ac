import {request as httpRequest, Agent as HttpAgent} from 'node:http';
import {request as httpsRequest, Agent as HttpsAgent} from 'node:https';
import type {buildConnector, Dispatcher} from 'undici';
import {NetworkError} from '../../errors.js';
import {redact} from '../redact.js';
import type {ResponseHeaders, UndiciLoader} from '../types.js';
import {markProxyFailure} from './network-error.js';

export interface RawResponse {
  status: number;
  headers: ResponseHeaders;
  body: AsyncIterable<Uint8Array>;
  /** Stops the body early and frees the connection. */
  cancel(): void;
}

interface RawRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  useProxy: boolean;
  /** Required when useProxy is set. */
  loadUndici?: UndiciLoader;
  connectTimeoutMs: number;
  /**
   * Called once the whole request has been handed to the socket (node:http's 'finish'). Never
   * called on the proxy path, where undici's fetch does not tell.
   */
  onDelivered?: () => void;
}

/** Whether `sendRequest` reports delivery (`onDelivered`) for this request. */
export function tracksDelivery(request: Pick<RawRequest, 'useProxy'>): boolean {
  return !request.useProxy;
}

// Keep-alive pools; Node unrefs a free socket, so a kept connection never holds the process open.
// A free socket idle for 4 s is closed (as on the undici path): reusing one the server is about to
// drop would lose a request after it was written, and a delivered request is never sent again.
let agents: {http: HttpAgent; https: HttpsAgent} | undefined;
const POOL = {keepAlive: true, timeout: 4_000};

/**
 * One POST, by node:http(s) (nothing extra to load: start-up stays fast), or, when a proxy is
 * configured, by undici's fetch with its proxy agent. A 3xx is never followed, on either path:
 * following would send the prompt (and, to the same origin, the key) wherever the answer pointed.
 */
export async function sendRequest(request: RawRequest): Promise<RawResponse> {
  const response = await (request.useProxy ? viaFetch(request) : viaNodeHttp(request));
  if (response.status >= 300 && response.status < 400) {
    response.cancel();
    throw redirectError(response, request);
  }
  return response;
}

async function viaNodeHttp(request: RawRequest): Promise<RawResponse> {
  const url = new URL(request.url);
  agents ??= {http: new HttpAgent(POOL), https: new HttpsAgent(POOL)};
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const sent = (secure ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      headers: {...request.headers, 'content-length': String(Buffer.byteLength(request.body))},
      agent: secure ? agents?.https : agents?.http,
      signal: request.signal,
    });
    // 'finish': the body is with the socket, so the server may have it; a failure before this
    // point proves the request was never sent.
    sent.once('finish', () => request.onDelivered?.());
    sent.on('error', reject);
    sent.on('response', (response) => {
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        body: response,
        cancel: () => response.destroy(),
      });
    });
    sent.end(request.body);
  });
}

async function viaFetch(request: RawRequest): Promise<RawResponse> {
  const send = await fetchFor(true, request.connectTimeoutMs, request.loadUndici);
  // 'manual': undici's fetch follows redirects by default, POSTing the prompt again elsewhere.
  const response = await send(request.url, {method: 'POST', headers: request.headers, body: request.body, signal: request.signal, redirect: 'manual'});
  const headers: ResponseHeaders = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const stream = response.body;
  return {
    status: response.status,
    headers,
    body: (stream ?? []) as unknown as AsyncIterable<Uint8Array>,
    cancel: () => void stream?.cancel().catch(() => undefined),
  };
}

/**
 * `the server answered HTTP 307 and pointed to <location>; not followed`: final (kind 'other',
 * never retried), and not a delivery question (the server answered, so no "may still run").
 * The location is shown resolved, without userinfo or the key, and without control characters.
 */
function redirectError(response: RawResponse, request: RawRequest): NetworkError {
  const raw = response.headers.location;
  const location = Array.isArray(raw) ? raw[0] : raw;
  const where = location ? ` and pointed to ${shownLocation(location, request)}` : ' without saying where to';
  return new NetworkError(`the server answered HTTP ${response.status}${where}; not followed`, 'other');
}

function shownLocation(location: string, request: RawRequest): string {
  let shown: string;
  try {
    const url = new URL(location, request.url);
    if (url.username || url.password) {
      url.username = '***';
      url.password = '';
    }
    shown = url.href;
  } catch {
    shown = location.replace(/\/\/[^/@]*@/, '//***@');
  }
  const secret = request.headers.authorization?.replace(/^Bearer /, '');
  return redact(shown, secret).replace(/[\u0000-\u001f\u007f-\u009f]/g, '').slice(0, 300);
}

type Connector = buildConnector.connector;

/** A connector whose failures say they were the proxy's (so the message names it, not the API host). */
function namingProxy(connect: Connector, proxyHost: string): Connector {
  return (options, callback) =>
    connect(options, (...result) => (result[0] === null ? callback(...result) : callback(markProxyFailure(result[0], proxyHost), null)));
}

type FetchLike = (url: string, init: RequestInit & {dispatcher?: Dispatcher}) => Promise<Response>;

let proxied: Promise<FetchLike> | undefined;

/**
 * The fetch to send with. Without a proxy it is Node's own (its undici ships inside the node
 * binary, so nothing large is loaded at start-up). With HTTPS_PROXY / HTTP_PROXY set, the undici
 * package's fetch with its EnvHttpProxyAgent (which honours NO_PROXY), loaded once, on first use.
 * Either way idle keep-alive sockets are unref'd: they never hold the process open.
 */
function fetchFor(useProxy: boolean, connectTimeoutMs: number, loadUndici?: UndiciLoader): Promise<FetchLike> {
  if (!useProxy) return Promise.resolve(globalThis.fetch as FetchLike);
  if (!loadUndici) return Promise.reject(new Error('a request through a proxy needs ConnectionOptions.loadUndici'));
  proxied ??= loadUndici().then((loaded) => {
    // undici is CommonJS: bundled, its exports may sit on `default`.
    const {EnvHttpProxyAgent, Pool, fetch} = ((loaded as unknown as {default?: typeof loaded}).default ?? loaded);
    // undici 7 reconnects in a tight loop when a proxy hangs up during CONNECT (nodejs/undici
    // #3897, fixed upstream after 7.x): give the tunnel's failure a code that fails the request,
    // so our own retry policy (3 tries, backoff) decides instead.
    // ProxyAgent makes this client for the proxy itself (the CONNECT tunnels go through it) and
    // hands the same connector to the forward-proxy pool (`factory`, below): remembered here, so
    // both name the proxy when connecting to it fails.
    const proxyConnectors = new WeakMap<Connector, string>();
    const clientFactory = (origin: URL, options: {connect: Connector}): InstanceType<typeof Pool> => {
      proxyConnectors.set(options.connect, origin.host);
      const pool = new Pool(origin, {...options, connect: namingProxy(options.connect, origin.host)});
      const connect = pool.connect.bind(pool) as (params: object) => Promise<unknown>;
      (pool as unknown as {connect: (params: object) => Promise<unknown>}).connect = (params) =>
        connect(params).catch((error: unknown) => {
          if ((error as {code?: string}).code !== 'UND_ERR_SOCKET') throw error;
          // No tunnel, so nothing of the request reached the service: safe to send again.
          throw markProxyFailure(
            Object.assign(new Error('the proxy closed the connection while opening the tunnel'), {code: 'ECONNRESET', requestNotSent: true, cause: error}),
            origin.host,
          );
        });
      return pool;
    };
    // http:// targets go to the proxy as plain absolute-URI requests (what a forward proxy
    // expects); only https:// ones are tunnelled with CONNECT.
    // undici's own header and body timeouts (300 s) are off: gemma's IdleGuard keeps the clocks,
    // and a sync answer may take 20 minutes to begin. `factory` makes the forward-proxy pool
    // (which is not given the agent's options) follow suit.
    const untimed = {headersTimeout: 0, bodyTimeout: 0};
    const factory = (origin: URL | string, options: {connect?: object}): InstanceType<typeof Pool> => {
      const given = options.connect;
      const proxyHost = typeof given === 'function' ? proxyConnectors.get(given as Connector) : undefined;
      const connect = proxyHost === undefined ? {} : {connect: namingProxy(given as Connector, proxyHost)};
      return new Pool(origin, {...options, ...untimed, ...connect});
    };
    const dispatcher = new EnvHttpProxyAgent({
      connect: {timeout: connectTimeoutMs}, keepAliveTimeout: 4_000, ...untimed, proxyTunnel: false, clientFactory, factory,
    });
    return ((url, init) => fetch(url, {...init, dispatcher} as Parameters<typeof fetch>[1]) as unknown as Promise<Response>) as FetchLike;
  });
  return proxied;
}
