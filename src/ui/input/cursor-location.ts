import type {EditorState} from './line-editor.js';

export interface CursorLocation {
  /** The lines of the text, split on `\n`. */
  lines: string[];
  /** The index of the line the cursor is on. */
  line: number;
  /** The cursor's UTF-16 offset within that line. */
  column: number;
}

/** Where the cursor sits in a multi-line text: Up and Down use it to choose between moving and walking history. */
export function cursorLocation({text, cursor}: EditorState): CursorLocation {
  const lines = text.split('\n');
  const before = text.slice(0, cursor).split('\n');
  return {lines, line: before.length - 1, column: (before.at(-1) ?? '').length};
}
