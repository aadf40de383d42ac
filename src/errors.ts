/**
 * Typed errors. Each carries the exit code the one top-level handler uses and a one-line,
 * human sentence. None of them may ever contain the API key.
 */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  config: 3,
  /** SIGHUP: the terminal went away. */
  hungUp: 129,
  interrupted: 130,
  terminated: 143,
} as const;

export class GemmaError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(message: string, exitCode: number, options: {cause?: unknown; hint?: string} = {}) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause});
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = options.hint;
  }
}

/** Bad usage or bad input: nothing was sent. */
export class UsageError extends GemmaError {
  constructor(message: string, options: {cause?: unknown; hint?: string} = {}) {
    super(message, ExitCode.usage, options);
  }
}

/** No usable API key, or an unusable config file. */
export class ConfigError extends GemmaError {
  constructor(message: string, options: {cause?: unknown; hint?: string} = {}) {
    super(message, ExitCode.config, options);
  }
}

/** The service answered with an error envelope. */
export class ApiError extends GemmaError {
  readonly status: number;
  readonly code: string;
  readonly parameter: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    details: {status: number; code: string; parameter?: string; retryAfterMs?: number; hint?: string; cause?: unknown},
  ) {
    super(message, ExitCode.failure, {hint: details.hint, cause: details.cause});
    this.status = details.status;
    this.code = details.code;
    this.parameter = details.parameter;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** The network failed: refused, reset, timed out, cut mid-stream. */
export class NetworkError extends GemmaError {
  readonly kind: 'connect' | 'timeout' | 'dropped' | 'other';
  /**
   * Whether the request had reached the server when it failed: false proves it had not (so the
   * task was not accepted), true means it may have been; undefined when the question is moot.
   */
  readonly delivered: boolean | undefined;

  constructor(message: string, kind: NetworkError['kind'], options: {cause?: unknown; hint?: string; delivered?: boolean} = {}) {
    super(message, ExitCode.failure, options);
    this.kind = kind;
    this.delivered = options.delivered;
  }
}

/** The service said something that does not follow the protocol. */
export class ProtocolError extends GemmaError {
  constructor(message: string, options: {cause?: unknown} = {}) {
    super(message, ExitCode.failure, options);
  }
}

/** The user interrupted (Ctrl-C) or the process was told to stop. */
export class InterruptedError extends GemmaError {
  constructor(message = 'interrupted', exitCode: number = ExitCode.interrupted) {
    super(message, exitCode);
  }
}
