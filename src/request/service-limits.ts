/**
 * Limits of the service that PROTOCOL.md could not confirm (inferred). Kept in one place so
 * they are cheap to correct.
 */
export const SERVICE_LIMITS = {
  /** Largest image file sent inline as a data URI (inferred). */
  maxImageBytes: 20 * 1024 * 1024,
  /** Largest video file sent inline as a data URI (inferred). */
  maxVideoBytes: 100 * 1024 * 1024,
} as const;
