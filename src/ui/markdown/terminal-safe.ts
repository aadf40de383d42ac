/**
 * The model's text goes straight to a terminal. Control characters in it (an ESC starting a
 * sequence that moves the cursor, retitles the window or writes the clipboard) are removed, so
 * the only escape codes printed are the ones the renderer adds. Tabs and newlines stay. This
 * runs on the source and again on every piece of text taken from a token, because marked
 * decodes numeric references itself: `&#27;` in the source arrives as a real ESC.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, '');
}
