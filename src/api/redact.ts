import {displayUrl} from './display-url.js';

/**
 * The text with the key as `***`. A "secret" of under four characters is no key (tests use `k`):
 * blanking every `k` would garble the text and protect nothing; the error reporter draws the
 * same line. For content the user keeps (an answer saved to a session), which must stay as it
 * came but for the key.
 */
export function redactKey(text: string, secret: string | undefined): string {
  // A scan allocates nothing; splitting a 10 MB answer that holds no key would copy it.
  if (!secret || secret.length < 4 || !text.includes(secret)) return text;
  return text.split(secret).join('***');
}

/**
 * Removes the API key from any text we build from outside input (server messages, causes), and
 * the password of any URL in it (a proxy's or a base URL's, quoted back by a library).
 */
export function redact(text: string, secret: string | undefined): string {
  return redactKey(displayUrl(text), secret);
}
