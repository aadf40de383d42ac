import type {Generated} from './simulator-answer.js';
import {CONTEXT_WINDOW_TOKENS} from './simulator-facts.js';
import type {RateLimit, RecordedRequest, Script} from './simulator-types.js';
import type {TextTask} from './simulator-validate.js';

/** An accepted async task: its answers (and which of them fail) are fixed at submit time; polls reveal them. */
export interface AsyncTask {
  task: TextTask;
  results: Generated[];
  polls: number;
  /** The submit's script: failResults, failIn, failCode, failMessage, listFinishedOnly. */
  script: Script;
}

/** Everything the simulator remembers between requests. */
export interface SimState {
  apiKey: string;
  tokenDelayMs: number;
  /** Stream events gathered into few large writes (SimulatorOptions.coalesce). */
  coalesce: boolean;
  pollsUntilDone: number;
  /** Prompt tokens a task may hold (SimulatorOptions.contextWindow). */
  contextWindow: number;
  requests: RecordedRequest[];
  queue: Script[];
  defaultScript: Script;
  asyncTasks: Map<string, AsyncTask>;
  /**
   * taskUUIDs the simulator accepted: from the moment it starts answering the task (the hold, the
   * headers), whether or not the answer then reaches the client, as the real service runs (and
   * bills) a task whose connection is lost.
   */
  completed: Set<string>;
  /** SimulatorOptions.latencyMs. */
  latencyMs: number;
  rateLimit: RateLimit | undefined;
  /** Per key, when its requests within the rate limit's window arrived. */
  hits: Map<string, number[]>;
  /** POST /v1 requests being answered now, and the most at once. */
  inFlight: number;
  maxInFlight: number;
}

export interface StateOptions {
  latencyMs?: number;
  rateLimit?: RateLimit | undefined;
}

export function createState(
  apiKey: string,
  tokenDelayMs: number,
  pollsUntilDone: number,
  coalesce = false,
  contextWindow = CONTEXT_WINDOW_TOKENS,
  more: StateOptions = {},
): SimState {
  return {
    apiKey, tokenDelayMs, coalesce, pollsUntilDone, contextWindow, requests: [], queue: [], defaultScript: {}, asyncTasks: new Map(), completed: new Set(),
    latencyMs: more.latencyMs ?? 0, rateLimit: more.rateLimit, hits: new Map(), inFlight: 0, maxInFlight: 0,
  };
}

export function resetState(state: SimState): void {
  state.requests.length = 0;
  state.queue.length = 0;
  state.defaultScript = {};
  state.asyncTasks.clear();
  state.completed.clear();
  state.hits.clear();
  state.maxInFlight = state.inFlight;
}

/**
 * The script for the next POST /v1, merged over the default: the first queued one whose `match`
 * the request's last message holds, else the first queued one without a `match` (if any).
 */
export function takeScript(state: SimState, body?: unknown): Script {
  const last = lastMessageText(body);
  const matched = last === undefined ? -1 : state.queue.findIndex((script) => script.match !== undefined && last.includes(script.match));
  const index = matched >= 0 ? matched : state.queue.findIndex((script) => script.match === undefined);
  const [script] = index >= 0 ? state.queue.splice(index, 1) : [];
  const {match: _match, ...rest} = script ?? {};
  return {...state.defaultScript, ...rest};
}

/** The content of the last message of the body's first textInference task, if it has one. */
function lastMessageText(body: unknown): string | undefined {
  const task: unknown = Array.isArray(body) ? body[0] : undefined;
  const messages = typeof task === 'object' && task !== null ? (task as {messages?: unknown}).messages : undefined;
  const last: unknown = Array.isArray(messages) ? messages.at(-1) : undefined;
  const content = typeof last === 'object' && last !== null ? (last as {content?: unknown}).content : undefined;
  return typeof content === 'string' ? content : undefined;
}

/** The fault the next POST /v1 will get, without taking its script. */
export function nextFault(state: SimState): Script['fault'] {
  return state.queue[0]?.fault ?? state.defaultScript.fault;
}

/** The path of a request target, without its query. */
export function pathOf(target: string): string {
  return target.split('?')[0] ?? target;
}

export function isApiPath(pathname: string): boolean {
  return pathname === '/v1' || pathname === '/v1/';
}

/** Every task object received in POST /v1 bodies, flattened, in order. */
export function receivedTasks(state: SimState): Record<string, unknown>[] {
  return state.requests
    .filter((r) => r.method === 'POST' && isApiPath(pathOf(r.path)) && Array.isArray(r.body))
    .flatMap((r) => r.body as unknown[])
    .filter((t): t is Record<string, unknown> => typeof t === 'object' && t !== null && !Array.isArray(t));
}

type FieldType = 'number' | 'string' | 'boolean' | 'indices';
const SCRIPT_KEYS: Record<keyof Script, FieldType> = {
  status: 'number', code: 'string', message: 'string', envelope: 'string', retryAfter: 'number', answer: 'string',
  reasoning: 'string', tokens: 'number', thought: 'string', failResults: 'indices', failIn: 'string', failCode: 'string',
  failMessage: 'string', listFinishedOnly: 'boolean', holdMs: 'number', latencyMs: 'number', fault: 'string', afterEvents: 'number',
  splitEvery: 'number', crlf: 'boolean', comments: 'boolean', deltaChars: 'number', usageAfterFinish: 'boolean', match: 'string',
};
const FAULTS = ['midStreamError', 'cutStream', 'drop', 'stall', 'malformedEvent', 'invalidUtf8', 'dropUnread'];

function hasType(value: unknown, type: FieldType): boolean {
  if (type === 'indices') return Array.isArray(value) && value.every((i) => Number.isSafeInteger(i) && i >= 0 && i < 4);
  return typeof value === type;
}

/** Checks a Script that arrived over HTTP; returns a complaint or undefined. */
export function scriptProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a script must be a JSON object';
  for (const [key, v] of Object.entries(value)) {
    const type = SCRIPT_KEYS[key as keyof Script];
    if (type === undefined) return `unknown script field '${key}'`;
    if (!hasType(v, type)) return `script field '${key}' must be ${type === 'indices' ? 'an array of result indices 0..3' : `a ${type}`}`;
  }
  const {fault, envelope, failIn, deltaChars, holdMs, latencyMs} = value as Script;
  if (fault !== undefined && !FAULTS.includes(fault)) return `fault must be one of ${FAULTS.join(', ')}`;
  if (envelope !== undefined && envelope !== 'errors' && envelope !== 'error') return "envelope must be 'errors' or 'error'";
  if (failIn !== undefined && failIn !== 'data' && failIn !== 'errors') return "failIn must be 'data' or 'errors'";
  if (deltaChars !== undefined && !(Number.isSafeInteger(deltaChars) && deltaChars >= 1)) return 'deltaChars must be a whole number >= 1';
  if (holdMs !== undefined && !(holdMs >= 0)) return 'holdMs must be >= 0';
  if (latencyMs !== undefined && !(latencyMs >= 0)) return 'latencyMs must be >= 0';
  return undefined;
}
