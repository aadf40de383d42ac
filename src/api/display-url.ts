/** `scheme://user:password@`: the password part of a URL's userinfo, wherever it is in a text. */
const USERINFO_PASSWORD = /(\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/?#@:]*):[^\s/?#]*@/g;

/**
 * A URL (or any text holding URLs: an error message, a trace line) as gemma prints it: a
 * password in a URL's userinfo becomes `***`, the user name is kept (it says which account,
 * and is no secret). Everything else is left exactly as written.
 */
export function displayUrl(text: string): string {
  return text.replace(USERINFO_PASSWORD, '$1:***@');
}
