/** The model id live clients send; the docs slug maps to it. */
export const DEFAULT_MODEL = 'google:gemma@4-31b';

/** Runware's docs name models by slug; the API takes the AIR-style id that live clients send. */
const SLUG_TO_ID: Record<string, string> = {
  'google-gemma-4-31b': DEFAULT_MODEL,
};

export function modelIdFor(nameOrSlug: string): string {
  return SLUG_TO_ID[nameOrSlug.trim().toLowerCase()] ?? nameOrSlug.trim();
}
