/**
 * `scheme://user:password@`: the password part of a URL's userinfo, wherever it is in a text.
 * Every part is bounded, so a megabyte of answer text costs linear time, never quadratic.
 */
const USERINFO_PASSWORD = /(\b[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/[^\s/?#@:]{0,256}):[^\s/?#]{0,1024}@/g;

/**
 * A URL (or any text holding URLs: an error message, a trace line) as gemma prints it: a
 * password in a URL's userinfo becomes `***`, the user name is kept (it says which account,
 * and is no secret). Everything else is left exactly as written.
 */
export function displayUrl(text: string): string {
  return text.includes('://') ? text.replace(USERINFO_PASSWORD, '$1:***@') : text;
}
