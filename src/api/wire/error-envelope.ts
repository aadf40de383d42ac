import {STATUS_CODES} from 'node:http';
import {ApiError} from '../../errors.js';
import {isObject} from '../is-object.js';
import {redact} from '../redact.js';
import type {ResponseHeaders, WireError} from '../types.js';

export interface ErrorResponse {
  status: number;
  headers: ResponseHeaders;
  bodyText: string;
}

/** Builds the ApiError for a non-2xx answer. The key is scrubbed from anything the server said. */
export function apiErrorFromResponse(res: ErrorResponse, secret?: string): ApiError {
  const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
  let errors: WireError[] = [];
  try {
    errors = wireErrorsOf(JSON.parse(res.bodyText));
  } catch {
    // Proxies and load balancers answer with HTML or plain text: fall back to the status.
  }
  return apiErrorFromWire(errors, res.status, {retryAfterMs, secret});
}

/** Builds one ApiError from the first of `errors`; the rest are counted in the message. */
export function apiErrorFromWire(
  errors: readonly WireError[],
  status: number,
  options: {retryAfterMs?: number; secret?: string} = {},
): ApiError {
  const first = errors[0];
  const code = stringOr(first?.code, `http${status}`);
  const serverMessage = stringOr(first?.message, '');
  let message = serverMessage ? oneLine(serverMessage) : statusMessage(status);
  if (serverMessage || first?.code) message += ` (${code})`;
  if (errors.length > 1) message += ` (+${errors.length - 1} more)`;
  const parameter = Array.isArray(first?.parameter) ? first.parameter.join(', ') : first?.parameter;
  return new ApiError(redact(message, options.secret), {
    status,
    code,
    parameter: typeof parameter === 'string' ? redact(parameter, options.secret) : undefined,
    retryAfterMs: options.retryAfterMs,
    hint: hintFor(status, code, serverMessage),
  });
}

/** The error objects of a body: `{"errors":[...]}`, or the singular `{"error":{...},"taskUUID"}`. */
export function wireErrorsOf(body: unknown): WireError[] {
  if (!isObject(body)) return [];
  if (Array.isArray(body.errors)) return body.errors.filter(isObject) as WireError[];
  if (isObject(body.error)) {
    const error = body.error as WireError;
    const taskUUID = typeof body.taskUUID === 'string' ? body.taskUUID : undefined;
    return [taskUUID && error.taskUUID === undefined ? {...error, taskUUID} : error];
  }
  return [];
}

/**
 * The code the service gives an input over the context window is (inferred) (the simulator's
 * `contextLengthExceeded`), so its words are read too: "context length", "too many tokens", ...
 */
const TOO_LONG_CODE = 'contextLengthExceeded';
const TOO_LONG_WORDS = /context (length|window|size)|too (long|many tokens)|maximum context|(input|prompt) tokens? exceed/i;

function hintFor(status: number, code: string, message: string): string | undefined {
  if (status === 401 || code === 'invalidApiKey') return 'set RUNWARE_API_KEY or run `gemma auth login`';
  if (status === 402) return 'add credits to your Runware account, then try again';
  if (status === 429) return 'the service is rate limiting this key: wait a little and try again';
  if (code === TOO_LONG_CODE || (status === 400 && TOO_LONG_WORDS.test(message))) {
    return "the input is longer than the model's context window: in a chat, /compact the older turns; or attach fewer or smaller files";
  }
  return undefined;
}

function statusMessage(status: number): string {
  const reason = STATUS_CODES[status];
  return `the server answered HTTP ${status}${reason ? ` ${reason}` : ''}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/**
 * Reads a `Retry-After` header: delay-seconds or an HTTP date. Returns milliseconds from `now`,
 * or undefined when the header is absent or unreadable (then the normal backoff applies).
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  // A bare number that failed the pattern above (e.g. "-5") must not be read as a year.
  if (Number.isNaN(at) || /^[-+]?\d/.test(text)) return undefined;
  return Math.max(0, at - now);
}
