import type {Dispatcher} from 'undici';

export type FetchLike = (url: string, init: RequestInit & {dispatcher?: Dispatcher}) => Promise<Response>;

let proxied: Promise<FetchLike> | undefined;

/**
 * The fetch to send with. Without a proxy it is Node's own (its undici ships inside the node
 * binary, so nothing large is loaded at start-up). With HTTPS_PROXY / HTTP_PROXY set, the undici
 * package's fetch with its EnvHttpProxyAgent (which honours NO_PROXY), loaded once, on first use.
 * Either way idle keep-alive sockets are unref'd: they never hold the process open.
 */
export function fetchFor(useProxy: boolean, connectTimeoutMs: number): Promise<FetchLike> {
  if (!useProxy) return Promise.resolve(globalThis.fetch as FetchLike);
  proxied ??= import('undici').then(({EnvHttpProxyAgent, fetch}) => {
    const dispatcher = new EnvHttpProxyAgent({connect: {timeout: connectTimeoutMs}, keepAliveTimeout: 4_000});
    return ((url, init) => fetch(url, {...init, dispatcher} as Parameters<typeof fetch>[1]) as unknown as Promise<Response>) as FetchLike;
  });
  return proxied;
}
