import {request as httpRequest, Agent as HttpAgent} from 'node:http';
import {request as httpsRequest, Agent as HttpsAgent} from 'node:https';
import {NetworkError} from '../errors.js';
import {fetchFor} from './dispatcher.js';
import {redact} from './redact.js';
import type {ResponseHeaders, UndiciLoader} from './types.js';

export interface RawResponse {
  status: number;
  headers: ResponseHeaders;
  body: AsyncIterable<Uint8Array>;
  /** Stops the body early and frees the connection. */
  cancel(): void;
}

export interface RawRequest {
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
