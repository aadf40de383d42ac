/** Removes the API key from any text we build from outside input (server messages, causes). */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join('***');
}
