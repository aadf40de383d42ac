/**
 * Every fact about the Runware service that the simulator relies on, in one place. Facts that
 * /work/shared/PROTOCOL.md (or Runware's public docs) do not confirm are marked (inferred):
 * correct them here when the real service is seen to differ.
 */

/** The model id live clients send (PROTOCOL.md). Any other id, the docs slug included, is rejected. */
export const MODEL_ID = 'google:gemma@4-31b';

/** Largest seed (PROTOCOL.md). */
export const MAX_SEED = 9223372036854775807n;
/** A seed the server picks is in the unsigned 32-bit range (model docs). */
export const AUTO_SEED_RANGE = 2n ** 32n;

/** USD per token, prompt, completion and thinking tokens alike (inferred). */
export const PRICE_PER_TOKEN_USD = 0.0000003;
/**
 * The most prompt tokens a request may hold: the "131K context" of Runware's model page (the
 * model card says 256K for the 31B model; which one the service enforces is (inferred)).
 */
export const CONTEXT_WINDOW_TOKENS = 131072;
/** Prompt tokens counted for each image or video input (inferred). */
export const TOKENS_PER_MEDIA_ITEM = 256;

/** Largest request body, bytes; larger gets 413 (inferred). Room for one 100 MiB video as base64. */
export const MAX_BODY_BYTES = 150 * 1024 * 1024;
/** Largest decoded inline image (base64 or data URI), bytes (inferred; matches src/request/service-limits.ts). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Largest decoded inline video, bytes (inferred; matches src/request/service-limits.ts). */
export const MAX_VIDEO_BYTES = 100 * 1024 * 1024;

/**
 * A request that holds a stream task must hold only that task (inferred: one SSE body cannot
 * carry several tasks' deltas in PROTOCOL.md's event shape).
 */
export const STREAM_TASKS_PER_REQUEST = 1;

/** Gemma 4's thought channel as the model writes it into its text (PROTOCOL.md, the model card). */
export function thoughtBlock(thought: string): string {
  return `<|channel>thought\n${thought}<channel|>`;
}

export interface ErrorFact {
  code: string;
  message: string;
}

/** The 401 body (code confirmed by PROTOCOL.md and Runware's docs; message as the brief gives it). */
export const INVALID_API_KEY = {
  code: 'invalidApiKey',
  message: 'Invalid API key. Get one at https://my.runware.ai/keys',
  parameter: 'apiKey',
  taskType: 'authentication',
} as const;

/** Error codes for request and task validation. */
export const CODES = {
  /** Wrong type, range, step or value (confirmed as a code name by the brief; its use per case inferred). */
  invalidParameter: 'invalidParameter',
  /** A required field is absent (inferred). */
  missingParameter: 'missingParameter',
  /** A field the task does not know, at any level (inferred). */
  unsupportedParameter: 'unsupportedParameter',
  /** A model id other than MODEL_ID (inferred). */
  invalidModel: 'invalidModel',
  /** taskType other than textInference / getResponse (inferred). */
  invalidTaskType: 'invalidTaskType',
  /**
   * A taskUUID the server already accepted, or twice in one body. The code is in the official
   * SDKs' catalogue (they resend under the same taskUUID and read it as "already accepted"); its
   * HTTP status (400) and message are (inferred).
   */
  conflictTaskUUID: 'conflictTaskUUID',
  /** getResponse for a taskUUID the server does not know: code from the SDKs' catalogue; status and message (inferred). */
  taskFailedOrNotFound: 'taskFailedOrNotFound',
  /** An inline image or video larger than its limit (inferred). */
  mediaTooLarge: 'mediaTooLarge',
  /** The body is not JSON, not an array, empty, or holds a non-object (inferred). */
  invalidRequestBody: 'invalidRequestBody',
  /** Content-Type is not application/json (inferred). */
  invalidContentType: 'invalidContentType',
  /** The body is larger than MAX_BODY_BYTES (inferred). */
  payloadTooLarge: 'payloadTooLarge',
  /** Any path or method other than POST /v1 (inferred). */
  notFound: 'notFound',
  /** The prompt (system prompt, messages, media) has more tokens than the context window: 400, code and message (inferred). */
  contextLengthExceeded: 'contextLengthExceeded',
} as const;

/** HTTP statuses for the request-level failures above (400 for task validation). */
export const STATUS_FOR = {
  contentType: 400, // (inferred; 415 would also be plausible)
  payloadTooLarge: 413, // (inferred)
  notFound: 404,
  taskFailedOrNotFound: 400, // (inferred)
} as const;

/** Default code and message a scripted `status` gets when the script names none. */
const STATUS_DEFAULTS: Record<number, ErrorFact> = {
  400: {code: 'invalidParameter', message: 'Invalid request.'}, // message (inferred)
  401: {code: INVALID_API_KEY.code, message: INVALID_API_KEY.message},
  402: {code: 'insufficientCredits', message: 'Insufficient credits. Add funds at https://my.runware.ai/wallet'}, // (inferred)
  403: {code: 'forbidden', message: "The API key doesn't have permissions to perform the request."}, // code (inferred)
  404: {code: 'notFound', message: 'Not found.'}, // (inferred)
  408: {code: 'requestTimeout', message: 'The request timed out.'}, // (inferred)
  // 'rateLimitExceeded' is in the SDKs' catalogue; the message is (inferred).
  429: {code: 'rateLimitExceeded', message: 'Too many requests. Retry later.'},
  500: {code: 'internalServerError', message: 'Internal server error.'}, // (inferred)
  502: {code: 'badGateway', message: 'Bad gateway: the inference provider failed.'}, // (inferred)
  503: {code: 'serviceUnavailable', message: 'Service temporarily unavailable. Retry later.'}, // (inferred)
  // 'timeoutProvider' is a code Runware's docs name; using it for 504 is (inferred).
  504: {code: 'timeoutProvider', message: 'The inference provider timed out.'},
};

/** The fallback for a scripted status that has no row above (inferred). */
export function statusDefault(status: number): ErrorFact {
  return STATUS_DEFAULTS[status] ?? {code: status >= 500 ? 'internalServerError' : 'invalidParameter', message: `HTTP ${status}`};
}

/**
 * Code and message of a failed async result without its own: the item is
 * `{"taskUUID", "status": "error", "error": {code, message}}` in `data` (the shape is PROTOCOL.md's
 * and the SDKs'; 'inferenceError' is the code the Python SDK's test uses, as a real one (inferred)).
 */
export const RESULT_ERROR: ErrorFact = {code: 'inferenceError', message: 'The inference for this result failed.'};

/** Code and message of a scripted mid-stream error without its own (inferred). */
export const MID_STREAM_ERROR: ErrorFact = {code: 'internalServerError', message: 'Inference failed while streaming.'};

/** Messages of validation errors (wording inferred). */
export const MESSAGES = {
  missing: (p: string) => `Missing required parameter '${p}'.`,
  unsupported: (p: string) => `Unsupported parameter '${p}'.`,
  invalid: (p: string, allowed: string) => `Invalid value for parameter '${p}'. Allowed: ${allowed}.`,
  model: (id: string) => `Invalid model '${id}'. Allowed: ${MODEL_ID}.`,
  taskType: (t: string) => `Invalid taskType '${t}'. Allowed: textInference, getResponse.`,
  conflict: (uuid: string) => `A task with taskUUID '${uuid}' was already received.`,
  taskFailedOrNotFound: (uuid: string) => `No async task with taskUUID '${uuid}'.`,
  mediaTooLarge: (p: string, max: number) => `Media in '${p}' is larger than ${max / 1048576} MiB.`,
  lastMessage: "The final message in 'messages' must have the role 'user'.",
  streamResults: "'numberResults' greater than 1 is not supported with deliveryMethod 'stream'.",
  streamAlone: 'A request with a stream task must contain only that task.',
  body: 'The request body must be a non-empty JSON array of task objects.',
  contentType: "Content-Type must be 'application/json'.",
  tooLarge: `The request body is larger than ${MAX_BODY_BYTES / 1048576} MiB.`,
  notFound: 'Not found. The API is served at POST /v1.',
  contextLength: (tokens: number, max: number) => `The input is ${tokens} tokens, more than the model's context window of ${max} tokens.`,
} as const;

/** What a webhook POST carries for one finished result: the response envelope around it (inferred). */
export function webhookBody(item: Record<string, unknown>): Record<string, unknown> {
  return {data: [item]};
}
