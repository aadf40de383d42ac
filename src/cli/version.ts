declare const GEMMA_VERSION: string | undefined;

/** Set by the build from package.json. */
export const VERSION = typeof GEMMA_VERSION === 'string' ? GEMMA_VERSION : '0.0.0-dev';
