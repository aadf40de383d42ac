/** A JSON object: not null, not an array (both are `typeof 'object'` too). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
