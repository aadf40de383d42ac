import type {IncomingMessage, ServerResponse} from 'node:http';
import {stringifyExact} from './simulator-json.js';
import type {Script} from './simulator-types.js';

export interface ErrorObject {
  code: string;
  message: string;
  parameter?: string | string[];
  taskType?: string;
  taskUUID?: string;
  status?: 'error';
  [key: string]: unknown;
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** Reads the whole body; past `limit` bytes it keeps draining but stops keeping (tooLarge). */
export function readBody(req: IncomingMessage, limit: number): Promise<{raw: string; tooLarge: boolean}> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve({raw: Buffer.concat(chunks).toString('utf8'), tooLarge: size > limit}));
    req.on('error', reject);
  });
}

/** Writes a JSON response (bigints as exact integers). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = Buffer.from(stringifyExact(body), 'utf8');
  res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': String(text.length), ...headers});
  res.end(text);
}

/** The `errors` envelope, or the singular `{"error": {...}, "taskUUID"}` one (first error only). */
export function errorEnvelope(kind: 'errors' | 'error' | undefined, errors: ErrorObject[]): Record<string, unknown> {
  if (kind !== 'error') return {errors};
  const first = errors[0] ?? {code: 'unknown', message: 'unknown error'};
  const {taskUUID, code, message} = first;
  return taskUUID === undefined ? {error: {code, message}} : {error: {code, message}, taskUUID};
}

export function sendErrors(res: ServerResponse, status: number, errors: ErrorObject[], script: Script = {}): void {
  const headers: Record<string, string> = {};
  if (script.retryAfter !== undefined) headers['Retry-After'] = String(script.retryAfter);
  sendJson(res, status, errorEnvelope(script.envelope, errors), headers);
}

/**
 * 'drop' / 'stall' for a whole-body (sync, async) response: with afterEvents 0 nothing at all is
 * written; otherwise the headers and the first half of the body go out first. Returns true when
 * the script faulted the response (the caller must not write anything else).
 */
export function faultJson(res: ServerResponse, script: Script, status: number, body: unknown): boolean {
  if (script.fault !== 'drop' && script.fault !== 'stall') return false;
  const drop = (): void => {
    if (script.fault === 'drop') res.socket?.destroy();
  };
  if ((script.afterEvents ?? 0) > 0) {
    const text = Buffer.from(stringifyExact(body), 'utf8');
    res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': String(text.length)});
    res.write(text.subarray(0, Math.floor(text.length / 2)), drop);
  } else {
    drop();
  }
  return true;
}

/** 'drop' / 'stall' before any response headers. Returns true when it applied. */
export function faultBeforeHeaders(res: ServerResponse, script: Script): boolean {
  if ((script.fault !== 'drop' && script.fault !== 'stall') || (script.afterEvents ?? 0) > 0) return false;
  if (script.fault === 'drop') res.socket?.destroy();
  return true;
}
