import type {IncomingHttpHeaders} from 'node:http';

/** Options of startSimulator(). */
export interface SimulatorOptions {
  apiKey?: string;
  /** 0 = a random free port (the default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Pause before each streamed event after the first, ms. Default 0. */
  tokenDelayMs?: number;
  /**
   * Gather a stream's SSE events into few large writes (up to 64 KiB, and whatever is ready
   * before a pause) instead of one write per event. Same bytes, other write boundaries: a fast
   * client then reads many events per chunk, as from a real server. Default false, so fault
   * tests keep one write per event.
   */
  coalesce?: boolean;
  /** async: how many getResponse polls are answered 'processing' before success. Default 1. */
  pollsUntilDone?: number;
  /** Prompt tokens (as `usage.promptTokens` counts them) a task may hold; more is 400 contextLengthExceeded. Default CONTEXT_WINDOW_TOKENS. */
  contextWindow?: number;
  /** Wait this long before answering each POST /v1 that passed auth and the rate limit, ms (a script's `latencyMs` wins). Default 0. */
  latencyMs?: number;
  /** At most `requests` POST /v1 per key in any `windowMs`; more is 429 rateLimitExceeded with Retry-After. Default: no limit. */
  rateLimit?: RateLimit;
}

export interface RateLimit {
  requests: number;
  windowMs: number;
}

/** One request the simulator received on /v1 (control endpoints are not recorded). */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** JSON.parse of rawBody, or undefined when it is not JSON. */
  body: unknown;
  /** Date.now() when the request arrived. */
  receivedAt: number;
}

/** A behaviour for one POST /v1 request (see docs/simulator.md). */
export interface Script {
  /**
   * Applies to the first request whose last message contains this text, ahead of the queue's
   * order (requests that do not match take the unmatched scripts in order): a chat's compaction
   * request, say, whatever turn it comes before.
   */
  match?: string;
  // respond with an error envelope instead of a result
  status?: number;
  code?: string;
  message?: string;
  envelope?: 'errors' | 'error';
  /** Seconds; sets Retry-After. */
  retryAfter?: number;
  // override the generated answer
  answer?: string;
  reasoning?: string;
  /** Generate an answer of exactly N tokens (words). */
  tokens?: number;
  /** The model writes this thought-channel block (`<|channel>thought\n…<channel|>`) before its answer text. */
  thought?: string;
  // results that fail (sync, async)
  /** 0-based indices of the results that fail; the others succeed. */
  failResults?: number[];
  /** Where a failed result is reported: `data` (an item with status "error"; async default) or `errors` (sync default). */
  failIn?: 'data' | 'errors';
  /** Code and message of a failed result (default RESULT_ERROR in the facts file). */
  failCode?: string;
  failMessage?: string;
  // async polling
  /** Polls list only finished results: after `pollsUntilDone` empty polls, one more result finishes per poll. */
  listFinishedOnly?: boolean;
  // timing
  /** Wait this long after accepting the request before sending any byte (headers included). */
  holdMs?: number;
  /** This request's latency (replaces the simulator's `latencyMs`): a wait before anything is checked past auth and the rate limit. */
  latencyMs?: number;
  // faults (streams; 'drop' and 'stall' also for sync/async; 'dropUnread' for any request)
  fault?: 'midStreamError' | 'cutStream' | 'drop' | 'stall' | 'malformedEvent' | 'invalidUtf8' | 'dropUnread';
  /** How many SSE events go out before the fault; for 'drop'/'stall' 0 means before any response headers. */
  afterEvents?: number;
  // transport shaping of a stream
  /** Write the SSE bytes in chunks of this many bytes, splitting multi-byte characters too. */
  splitEvery?: number;
  crlf?: boolean;
  /** Interleave ': keep-alive' comment lines and ignorable 'event:'/'id:' fields. */
  comments?: boolean;
  /** Text deltas of at most this many characters instead of one token each (cuts markers anywhere). */
  deltaChars?: number;
  /** usage and cost come in an event of their own after the finishReason event (before [DONE]). */
  usageAfterFinish?: boolean;
}

export interface Simulator {
  /** Base URL including /v1, e.g. http://127.0.0.1:54321/v1 */
  url: string;
  apiKey: string;
  /** Every request to /v1, in order. */
  requests: RecordedRequest[];
  /** Every task object received in POST /v1 bodies, flattened, in order. */
  tasks(): Record<string, unknown>[];
  /** Queue behaviours: each one applies to ONE following POST /v1 request (polls count), in order. */
  script(...s: Script[]): void;
  /** Applied to every request that has no queued script (merged under a queued one). */
  setDefault(s: Script): void;
  /** Clears requests, queue, default, async tasks (and the set of completed taskUUIDs). */
  reset(): void;
  /** The most POST /v1 requests that were being answered at once since the start or the last reset. */
  maxConcurrent(): number;
  /** Stops the server and destroys open sockets (stalled ones too). */
  close(): Promise<void>;
}
