/** Wire and event types for Runware's textInference task (see docs/protocol.md). */

export type Role = 'user' | 'assistant';
export interface ChatMessage {
  role: Role;
  content: string;
}

export type DeliveryMethod = 'sync' | 'async' | 'stream';
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'unknown';

export interface TaskSettings {
  systemPrompt?: string;
  temperature?: number;
  topP?: number;
  topK?: number;
  minP?: number;
  maxTokens?: number;
  stopSequences?: string[];
  frequencyPenalty?: number;
  presencePenalty?: number;
  repetitionPenalty?: number;
  thinkingLevel?: string;
}

/**
 * One textInference task, as sent. `seed` is a decimal string: values beyond 2^53 would be
 * rounded by a JS number, so the serializer writes it as a bare JSON integer.
 */
export interface TextInferenceTask {
  taskType: 'textInference';
  taskUUID: string;
  model: string;
  messages: ChatMessage[];
  deliveryMethod?: DeliveryMethod;
  outputFormat?: 'TEXT';
  webhookURL?: string;
  includeCost?: boolean;
  includeUsage?: boolean;
  numberResults?: number;
  seed?: string;
  inputs?: {images?: string[]; videos?: string[]};
  settings?: TaskSettings;
}

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  thinkingTokens?: number;
  [key: string]: unknown;
}

export interface InferenceResult {
  taskUUID: string;
  index: number;
  text: string;
  reasoning: string;
  /** null: the stream ended without a final event, so the answer may be cut. */
  finishReason: FinishReason | null;
  usage?: Usage;
  cost?: number;
  seed?: string;
}

export type InferenceEvent =
  | {type: 'reasoning'; text: string; index: number}
  | {type: 'text'; text: string; index: number}
  /** The client will try again after delayMs; consumers may show a countdown. */
  | {type: 'retry'; attempt: number; delayMs: number; reason: string}
  /** An async task is still processing (one per poll). */
  | {type: 'pending'; elapsedMs: number; polls: number}
  | {type: 'done'; results: InferenceResult[]};

export interface ConnectionOptions {
  /** e.g. https://api.runware.ai/v1 */
  baseUrl: string;
  apiKey: string;
  /**
   * How long a connection may stay silent, ms: connecting, waiting for a stream's or a poll's
   * headers, and between body chunks. A sync answer's wait is `syncWaitMs` instead.
   */
  timeoutMs: number;
  /**
   * How long a delivered sync request may wait for its answer to begin, ms (default 20 minutes,
   * the official SDK's budget). The service sends nothing until a sync answer is complete, so a
   * long silence is normal there; tests shorten it.
   */
  syncWaitMs?: number;
  /** Sent as User-Agent on every request, e.g. `gemma/0.1.0 (node 20.20.2; linux x64)`. */
  userAgent?: string;
  signal?: AbortSignal;
  /** Retry policy; tests shorten it. */
  retry?: {tries: number; baseMs: number; capMs: number};
  /**
   * false: a 429 is thrown at once instead of retried here, for a caller that paces many
   * requests itself (batch pauses all its workers). Default true.
   */
  retryRateLimited?: boolean;
  /** Async polling policy; tests shorten it. */
  poll?: {initialMs: number; factor: number; capMs: number; limitMs: number};
  /** Called with one-line summaries (never containing the key) for --verbose. */
  trace?: (line: string) => void;
  /**
   * false: a streamed answer's text and reasoning are not gathered for `done` (they come as ''),
   * so a consumer that only prints the deltas streams any length in flat memory. Default true.
   */
  collectText?: boolean;
  /** Go through the proxy HTTPS_PROXY / HTTP_PROXY names (NO_PROXY honoured); the caller reads the env. */
  useProxy?: boolean;
  /**
   * Loads the undici package, which the proxy path needs. Given by the caller (the CLI's lazy
   * loader), so src/api never imports the module that also names the UI.
   */
  loadUndici?: UndiciLoader;
}

export type UndiciLoader = () => Promise<typeof import('undici')>;

/** One error object from an `errors` array or a singular `error` envelope. */
export interface WireError {
  code?: string;
  message?: string;
  /** The offending field: a name or several names. */
  parameter?: string | string[];
  taskType?: string;
  taskUUID?: string;
  /** "error" on failed async results. */
  status?: string;
  documentation?: string;
  [key: string]: unknown;
}

/** Response headers as undici gives them: lower-case names. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;
