/** Plain-fetch helpers for tests that talk to the simulator directly. */
import {randomUUID} from 'node:crypto';
import type {Simulator} from './simulator.js';

const MODEL = 'google:gemma@4-31b';

/** A valid textInference task with a fresh taskUUID; `extra` members are added or replace defaults. */
export function textTask(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {taskType: 'textInference', taskUUID: randomUUID(), model: MODEL, messages: [{role: 'user', content: 'Hello'}], ...extra};
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body, or undefined; `any` for terse assertions. */
  json: any;
}

/** POSTs `body` (a value, JSON-encoded, or a string sent as is) to the simulator with its key. */
export async function post(sim: Simulator, body: unknown, init: {headers?: Record<string, string>; path?: string} = {}): Promise<Reply> {
  const response = await fetch(sim.url + (init.path ?? ''), {
    method: 'POST',
    headers: {Authorization: `Bearer ${sim.apiKey}`, 'Content-Type': 'application/json', ...init.headers},
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {status: response.status, headers: response.headers, text, json};
}

/** The first error object of an errors envelope. */
export function firstError(reply: Reply): Record<string, unknown> {
  const errors = (reply.json as {errors?: Record<string, unknown>[]} | undefined)?.errors;
  return errors?.[0] ?? {};
}

/**
 * A deliberately naive SSE reader: blank-line separated blocks, `data: ` lines JSON-parsed
 * ([DONE] kept as the string), every other line ignored.
 */
export function naiveSse(body: string): unknown[] {
  return body
    .split(/\r?\n\r?\n/)
    .flatMap((block) => block.split(/\r?\n/).filter((line) => line.startsWith('data: ')))
    .map((line) => line.slice(6))
    .map((data) => (data === '[DONE]' ? data : (JSON.parse(data) as unknown)));
}

/** Concatenates delta.text (or delta.reasoningContent) over stream events. */
export function joinDeltas(events: unknown[], field: 'text' | 'reasoningContent' = 'text'): string {
  return events
    .map((e) => (typeof e === 'object' && e !== null ? (e as {delta?: Record<string, unknown>}).delta?.[field] : undefined))
    .filter((t): t is string => typeof t === 'string')
    .join('');
}
