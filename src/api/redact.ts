import {displayUrl} from './display-url.js';

/**
 * Removes the API key from any text we build from outside input (server messages, causes), and
 * the password of any URL in it (a proxy's or a base URL's, quoted back by a library). A
 * "secret" of under four characters is no key (tests use `k`): blanking every `k` would garble
 * the text and protect nothing; the error reporter draws the same line.
 */
export function redact(text: string, secret: string | undefined): string {
  const hidden = displayUrl(text);
  if (!secret || secret.length < 4) return hidden;
  return hidden.split(secret).join('***');
}
