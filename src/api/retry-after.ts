/**
 * Reads a `Retry-After` header: delay-seconds or an HTTP date. Returns milliseconds from `now`,
 * or undefined when the header is absent or unreadable (then the normal backoff applies).
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  // A bare number that failed the pattern above (e.g. "-5") must not be read as a year.
  if (Number.isNaN(at) || /^[-+]?\d/.test(text)) return undefined;
  return Math.max(0, at - now);
}
