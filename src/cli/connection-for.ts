import type {ConnectionOptions} from '../api/types.js';
import type {ResolvedSettings} from '../settings/resolved-settings.js';
import {lazyImports} from '../lazy-imports.js';
import {VERSION} from './version.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Connection options from the resolved settings; `warn` hears about a key about to travel in clear text. */
export function connectionFor(
  settings: ResolvedSettings,
  apiKey: string,
  extra: {signal: AbortSignal; trace?: (line: string) => void; warn: (line: string) => void; collectText?: boolean},
  env: Record<string, string | undefined> = process.env,
): ConnectionOptions {
  const useProxy = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => Boolean(env[name]));
  const baseUrl = settings.string('baseUrl') ?? '';
  const url = new URL(baseUrl);
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    extra.warn(`gemma: warning: --base-url ${url.host} is plain http; the API key would travel unencrypted`);
  }
  return {
    baseUrl,
    apiKey,
    userAgent: userAgent(),
    timeoutMs: (settings.number('timeout') ?? 60) * 1000,
    signal: extra.signal,
    useProxy,
    ...(useProxy ? {loadUndici: lazyImports.undici} : {}),
    ...(extra.collectText === undefined ? {} : {collectText: extra.collectText}),
    ...(extra.trace ? {trace: extra.trace} : {}),
  };
}

/** `gemma/0.1.0 (node 20.20.2; linux x64)`: who is calling, as the official SDK says it of itself. */
function userAgent(): string {
  return `gemma/${VERSION} (node ${process.versions.node}; ${process.platform} ${process.arch})`;
}
