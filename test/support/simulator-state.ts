import type {Generated} from './simulator-answer.js';
import type {RecordedRequest, Script} from './simulator-types.js';
import type {TextTask} from './simulator-validate.js';

/** An accepted async task: its answers are fixed at submit time; polls reveal them. */
export interface AsyncTask {
  task: TextTask;
  results: Generated[];
  polls: number;
}

/** Everything the simulator remembers between requests. */
export interface SimState {
  apiKey: string;
  tokenDelayMs: number;
  pollsUntilDone: number;
  requests: RecordedRequest[];
  queue: Script[];
  defaultScript: Script;
  asyncTasks: Map<string, AsyncTask>;
  /** taskUUIDs of tasks that completed (sync, stream) or were accepted (async). */
  completed: Set<string>;
}

export function createState(apiKey: string, tokenDelayMs: number, pollsUntilDone: number): SimState {
  return {
    apiKey, tokenDelayMs, pollsUntilDone, requests: [], queue: [], defaultScript: {}, asyncTasks: new Map(), completed: new Set(),
  };
}

export function resetState(state: SimState): void {
  state.requests.length = 0;
  state.queue.length = 0;
  state.defaultScript = {};
  state.asyncTasks.clear();
  state.completed.clear();
}

/** The script for the next POST /v1: the queued one (if any) merged over the default. */
export function takeScript(state: SimState): Script {
  return {...state.defaultScript, ...(state.queue.shift() ?? {})};
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

const SCRIPT_KEYS: Record<keyof Script, 'number' | 'string' | 'boolean'> = {
  status: 'number', code: 'string', message: 'string', envelope: 'string', retryAfter: 'number', answer: 'string',
  reasoning: 'string', tokens: 'number', fault: 'string', afterEvents: 'number', splitEvery: 'number', crlf: 'boolean',
  comments: 'boolean',
};
const FAULTS = ['midStreamError', 'cutStream', 'drop', 'stall', 'malformedEvent', 'invalidUtf8'];

/** Checks a Script that arrived over HTTP; returns a complaint or undefined. */
export function scriptProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a script must be a JSON object';
  for (const [key, v] of Object.entries(value)) {
    const type = SCRIPT_KEYS[key as keyof Script];
    if (type === undefined) return `unknown script field '${key}'`;
    if (typeof v !== type) return `script field '${key}' must be a ${type}`;
  }
  const {fault, envelope} = value as Script;
  if (fault !== undefined && !FAULTS.includes(fault)) return `fault must be one of ${FAULTS.join(', ')}`;
  if (envelope !== undefined && envelope !== 'errors' && envelope !== 'error') return "envelope must be 'errors' or 'error'";
  return undefined;
}
