/**
 * Text that came from the network or from a session file is shown on a terminal only through
 * these functions. What a terminal would act on instead of showing is made harmless: C0
 * controls but tab and newline (an ESC opens a sequence that retitles the window, writes the
 * clipboard, clears the screen or makes the terminal type an answer), DEL, C1 controls (U+009B
 * is a one-character CSI) and the bidi overrides and isolates (they make text read in another
 * order than it runs). A CR right before a newline stays: on a terminal it moves nowhere new.
 *
 * A leaf module with no imports, below every layer (output, ui, chat and sessions all use it).
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/**
 * One readable form for each: caret notation where a terminal user knows it (`^[` for ESC, `^G`
 * for BEL, `^M` for a lone CR, `^?` for DEL), `<U+009B>` for the rest, which have none.
 */
function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** The text with every control a terminal would obey shown as visible characters instead. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/**
 * The text with those controls removed: for rendered markdown, where the renderer rewrites the
 * text anyway and caret text would be parsed as markdown again.
 */
export function stripTerminalControls(text: string): string {
  return text.replace(UNSAFE, '');
}
