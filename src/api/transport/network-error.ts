import {NetworkError} from '../../errors.js';
import {formatDuration} from '../format-duration.js';
import {redact} from '../redact.js';

/** Where the exchange was when it failed: before the status line, or while reading the body. */
export type Phase = 'request' | 'body';

const REFUSED: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network is down',
  EHOSTDOWN: 'host is down',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Maps an undici or socket failure to a NetworkError whose message names the host and says what
 * happened in words. The original error stays in `cause`, with the key scrubbed from its message.
 * `delivered` is what the caller knows of the request: false = it never reached the socket (the
 * default is the careful answer: it may have).
 */
export function toNetworkError(
  error: unknown,
  host: string,
  phase: Phase,
  timeoutMs: number,
  secret?: string,
  delivered = true,
): NetworkError {
  // Already said in words (a 3xx not followed): nothing to map.
  if (error instanceof NetworkError) return error;
  const code = errorCode(error);
  const cause = scrub(error, secret);
  const refused = code === undefined ? undefined : REFUSED[code];
  // A failure to connect to the proxy is named as the proxy's: the API host was never tried.
  const proxy = proxyOf(error);
  const peer = proxy === undefined ? host : `proxy ${proxy}`;
  if (refused) return new NetworkError(`cannot reach ${peer}: ${refused}`, 'connect', {cause, delivered});
  if (code !== undefined && DROPPED.has(code)) return droppedError(peer, phase, delivered, cause);
  if (code !== undefined && TIMEOUT.has(code)) return silenceError(host, timeoutMs, delivered, cause);
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) {
    return new NetworkError(`secure connection to ${host} failed (${code})`, 'other', {cause, delivered});
  }
  const detail = error instanceof Error ? redact(error.message, secret) : 'unknown error';
  return new NetworkError(`request to ${host} failed: ${detail}`, 'other', {cause, delivered});
}

const PROXY = Symbol('gemma.proxyHost');

/** Marks `error` as a failure to connect to the proxy at `proxyHost` (host:port, no userinfo). */
export function markProxyFailure<E extends Error>(error: E, proxyHost: string): E {
  return Object.assign(error, {[PROXY]: proxyHost});
}

/** The proxy a failure was marked with (markProxyFailure), searched through `cause`. */
function proxyOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const record = error as {[PROXY]?: unknown; cause?: unknown};
  return typeof record[PROXY] === 'string' ? record[PROXY] : proxyOf(record.cause, depth + 1);
}

/** Whether a failure on the proxy path proves the request was not sent (undici does not say). */
export function provesNotSent(error: unknown): boolean {
  const code = errorCode(error);
  return (code !== undefined && code in REFUSED) || hasFlag(error, 'requestNotSent');
}

function droppedError(host: string, phase: Phase, delivered: boolean, cause?: unknown): NetworkError {
  const when = phase === 'body' ? 'mid-answer' : delivered ? 'after the request was delivered' : 'before the request was sent';
  return new NetworkError(`connection to ${host} closed ${when}`, 'dropped', {cause, delivered});
}

export function silenceError(host: string, timeoutMs: number, delivered: boolean, cause?: unknown): NetworkError {
  return new NetworkError(`no data from ${host} for ${formatDuration(timeoutMs)}`, 'timeout', {cause, delivered});
}

/** A delivered sync request whose answer did not begin within the budget. */
export function noAnswerError(host: string, budgetMs: number): NetworkError {
  return new NetworkError(`no answer from ${host} within ${formatDuration(budgetMs)}`, 'timeout', {delivered: true});
}

/**
 * A failure of a textInference submit that may have reached the service, said so in one line:
 * the task may run (and be billed) although its answer is lost, and gemma does not send it again.
 * Anything else comes back as it was.
 */
export function notResent(error: unknown, taskUUID: string): unknown {
  if (!(error instanceof NetworkError) || error.delivered !== true) return error;
  return new NetworkError(`${error.message}; task ${taskUUID} may still run and be billed; not resent`, error.kind, {
    cause: error,
    delivered: true,
  });
}

/** Walks `cause` and AggregateError members (happy eyeballs) for the first error code. */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const record = error as {code?: unknown; cause?: unknown; errors?: unknown};
  if (typeof record.code === 'string' && record.code !== 'UND_ERR') return record.code;
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      const code = errorCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return errorCode(record.cause, depth + 1);
}

function hasFlag(error: unknown, flag: string, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const record = error as Record<string, unknown>;
  return record[flag] === true || hasFlag(record.cause, flag, depth + 1);
}

/** Keeps the cause for debugging, but never one whose text holds the key. */
function scrub(error: unknown, secret: string | undefined): unknown {
  if (!secret || !(error instanceof Error) || !error.message.includes(secret)) return error;
  const copy = new Error(redact(error.message, secret));
  (copy as Error & {code?: unknown}).code = (error as Error & {code?: unknown}).code;
  return copy;
}
