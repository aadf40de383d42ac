/** `gemma batch`'s -j and --tasks-per-request when not given (their help shows them). */
export const BATCH_RUN_DEFAULTS = {concurrency: 4, tasksPerRequest: 50} as const;
