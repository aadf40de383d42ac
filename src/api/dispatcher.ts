import type {buildConnector, Dispatcher} from 'undici';
import {markProxyFailure} from './network-error.js';
import type {UndiciLoader} from './types.js';

type Connector = buildConnector.connector;

/** A connector whose failures say they were the proxy's (so the message names it, not the API host). */
function namingProxy(connect: Connector, proxyHost: string): Connector {
  return (options, callback) =>
    connect(options, (...result) => (result[0] === null ? callback(...result) : callback(markProxyFailure(result[0], proxyHost), null)));
}

export type FetchLike = (url: string, init: RequestInit & {dispatcher?: Dispatcher}) => Promise<Response>;

let proxied: Promise<FetchLike> | undefined;

/**
 * The fetch to send with. Without a proxy it is Node's own (its undici ships inside the node
 * binary, so nothing large is loaded at start-up). With HTTPS_PROXY / HTTP_PROXY set, the undici
 * package's fetch with its EnvHttpProxyAgent (which honours NO_PROXY), loaded once, on first use.
 * Either way idle keep-alive sockets are unref'd: they never hold the process open.
 */
export function fetchFor(useProxy: boolean, connectTimeoutMs: number, loadUndici?: UndiciLoader): Promise<FetchLike> {
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
