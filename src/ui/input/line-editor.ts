/** The text being edited and the cursor, a UTF-16 index into it (0..text.length). */
export interface EditorState {
  readonly text: string;
  readonly cursor: number;
}

export type EditAction =
  | {type: 'insert'; text: string}
  | {type: 'set'; text: string; cursor?: number}
  | {
      type:
        | 'backspace'
        | 'delete'
        | 'left'
        | 'right'
        | 'word-left'
        | 'word-right'
        | 'home'
        | 'end'
        | 'up'
        | 'down'
        | 'kill-to-start'
        | 'kill-to-end'
        | 'delete-word-back'
        | 'delete-word-forward'
        | 'newline';
    };

const isWordChar = (char: string): boolean => /[\p{L}\p{N}_]/u.test(char);
const isSpace = (char: string): boolean => /\s/u.test(char);

// Steps over a surrogate pair as one character, so an emoji is never split in half.
function previousIndex(text: string, index: number): number {
  if (index <= 0) return 0;
  const low = text.charCodeAt(index - 1);
  return index >= 2 && low >= 0xdc00 && low <= 0xdfff ? index - 2 : index - 1;
}

function nextIndex(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const high = text.charCodeAt(index);
  return high >= 0xd800 && high <= 0xdbff && index + 1 < text.length ? index + 2 : index + 1;
}

// lastIndexOf clamps a negative start to 0 and would find a newline at 0, hence the guard.
const lineStart = (text: string, index: number): number => (index === 0 ? 0 : text.lastIndexOf('\n', index - 1) + 1);

function lineEnd(text: string, index: number): number {
  const end = text.indexOf('\n', index);
  return end === -1 ? text.length : end;
}

// Scans backwards past characters that are not in the word, then past those that are.
function wordStartBefore(text: string, index: number, inWord: (char: string) => boolean): number {
  let at = index;
  while (at > 0 && !inWord(text[at - 1] ?? '')) at -= 1;
  while (at > 0 && inWord(text[at - 1] ?? '')) at -= 1;
  return at;
}

function wordEndAfter(text: string, index: number): number {
  let at = index;
  while (at < text.length && !isWordChar(text[at] ?? '')) at += 1;
  while (at < text.length && isWordChar(text[at] ?? '')) at += 1;
  return at;
}

function splice(state: EditorState, from: number, to: number, insert = ''): EditorState {
  return {text: state.text.slice(0, from) + insert + state.text.slice(to), cursor: from + insert.length};
}

// Keeps the column when moving between lines, clamped to the length of the target line.
function verticalMove(state: EditorState, direction: -1 | 1): EditorState {
  const {text, cursor} = state;
  const start = lineStart(text, cursor);
  const column = cursor - start;
  if (direction === -1) {
    if (start === 0) return state;
    const previousStart = lineStart(text, start - 1);
    return {text, cursor: Math.min(previousStart + column, start - 1)};
  }
  const end = lineEnd(text, cursor);
  if (end === text.length) return state;
  return {text, cursor: Math.min(end + 1 + column, lineEnd(text, end + 1))};
}

/** Applies one editing action; a pure reducer, so every key binding is testable without a terminal. */
export function editLine(state: EditorState, action: EditAction): EditorState {
  const {text, cursor} = state;
  switch (action.type) {
    case 'insert':
      return splice(state, cursor, cursor, action.text);
    case 'newline':
      return splice(state, cursor, cursor, '\n');
    case 'set':
      return {text: action.text, cursor: Math.min(Math.max(action.cursor ?? action.text.length, 0), action.text.length)};
    case 'backspace':
      return splice(state, previousIndex(text, cursor), cursor);
    case 'delete':
      return splice(state, cursor, nextIndex(text, cursor));
    case 'left':
      return {text, cursor: previousIndex(text, cursor)};
    case 'right':
      return {text, cursor: nextIndex(text, cursor)};
    case 'word-left':
      return {text, cursor: wordStartBefore(text, cursor, isWordChar)};
    case 'word-right':
      return {text, cursor: wordEndAfter(text, cursor)};
    case 'home':
      return {text, cursor: lineStart(text, cursor)};
    case 'end':
      return {text, cursor: lineEnd(text, cursor)};
    case 'up':
      return verticalMove(state, -1);
    case 'down':
      return verticalMove(state, 1);
    case 'kill-to-start': {
      // At the start of a line there is nothing left to kill on it, so join it to the previous one.
      const start = lineStart(text, cursor);
      return splice(state, start === cursor ? previousIndex(text, cursor) : start, cursor);
    }
    case 'kill-to-end': {
      const end = lineEnd(text, cursor);
      return splice(state, cursor, end === cursor ? nextIndex(text, cursor) : end);
    }
    case 'delete-word-back':
      // Whitespace-delimited like readline's Ctrl+W, so `path/to/file` goes in one stroke.
      return splice(state, wordStartBefore(text, cursor, (char) => !isSpace(char)), cursor);
    case 'delete-word-forward':
      return splice(state, cursor, wordEndAfter(text, cursor));
  }
}
