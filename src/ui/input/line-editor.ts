/**
 * The text being edited, kept as its lines, and the cursor as a line index and a UTF-16 column in
 * that line. An edit at the cursor costs the length of the line it touches (and a copy of the
 * array of line references), never the length of the whole text: a 3,000-line paste stays cheap
 * to type into.
 */
export interface EditorState {
  readonly lines: readonly string[];
  readonly line: number;
  readonly column: number;
}

export type EditAction =
  | {type: 'insert'; text: string}
  /** `cursor` is a UTF-16 offset into `text`; the end when omitted. */
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

export const EMPTY_EDITOR: EditorState = {lines: [''], line: 0, column: 0};

/** The state for `text` with the cursor at UTF-16 offset `cursor` (clamped; the end by default). */
export function editorFromText(text: string, cursor = text.length): EditorState {
  const lines = text.split('\n');
  const before = text.slice(0, Math.min(Math.max(cursor, 0), text.length)).split('\n');
  return {lines, line: before.length - 1, column: (before.at(-1) ?? '').length};
}

/** The exact text, newlines included: what is submitted. */
export const editorText = (state: EditorState): string => state.lines.join('\n');

export const isEmptyEditor = (state: EditorState): boolean => state.lines.length === 1 && state.lines[0] === '';

interface Position {
  line: number;
  column: number;
}

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

const lineAt = (lines: readonly string[], index: number): string => lines[index] ?? '';

/** One character back, a line break counting as one; the same position at the start of the text. */
function stepBack(lines: readonly string[], {line, column}: Position): Position {
  if (column > 0) return {line, column: previousIndex(lineAt(lines, line), column)};
  return line > 0 ? {line: line - 1, column: lineAt(lines, line - 1).length} : {line, column};
}

function stepForward(lines: readonly string[], {line, column}: Position): Position {
  const text = lineAt(lines, line);
  if (column < text.length) return {line, column: nextIndex(text, column)};
  return line < lines.length - 1 ? {line: line + 1, column: 0} : {line, column};
}

// The code unit before / at a position, '\n' between lines, undefined at the ends of the text.
function unitBefore(lines: readonly string[], {line, column}: Position): string | undefined {
  if (column > 0) return lineAt(lines, line)[column - 1];
  return line > 0 ? '\n' : undefined;
}

function unitAt(lines: readonly string[], {line, column}: Position): string | undefined {
  const text = lineAt(lines, line);
  if (column < text.length) return text[column];
  return line < lines.length - 1 ? '\n' : undefined;
}

// One code unit at a time, as word scans always went: a lone surrogate is not a word character.
function unitBack(lines: readonly string[], {line, column}: Position): Position {
  return column > 0 ? {line, column: column - 1} : {line: line - 1, column: lineAt(lines, line - 1).length};
}

function unitForward(lines: readonly string[], {line, column}: Position): Position {
  return column < lineAt(lines, line).length ? {line, column: column + 1} : {line: line + 1, column: 0};
}

// Scans backwards past characters that are not in the word, then past those that are.
function wordStartBefore(lines: readonly string[], from: Position, inWord: (char: string) => boolean): Position {
  let at = from;
  for (let unit = unitBefore(lines, at); unit !== undefined && !inWord(unit); unit = unitBefore(lines, at)) at = unitBack(lines, at);
  for (let unit = unitBefore(lines, at); unit !== undefined && inWord(unit); unit = unitBefore(lines, at)) at = unitBack(lines, at);
  return at;
}

function wordEndAfter(lines: readonly string[], from: Position): Position {
  let at = from;
  for (let unit = unitAt(lines, at); unit !== undefined && !isWordChar(unit); unit = unitAt(lines, at)) at = unitForward(lines, at);
  for (let unit = unitAt(lines, at); unit !== undefined && isWordChar(unit); unit = unitAt(lines, at)) at = unitForward(lines, at);
  return at;
}

/** Replaces the text between `from` and `to` (from <= to) with `insert`; the cursor ends after it. */
function splice(state: EditorState, from: Position, to: Position, insert = ''): EditorState {
  const head = lineAt(state.lines, from.line).slice(0, from.column);
  const tail = lineAt(state.lines, to.line).slice(to.column);
  const parts = insert.split('\n');
  const last = parts.length - 1;
  const replaced = parts.map((part, index) => (index === 0 ? head : '') + part + (index === last ? tail : ''));
  const lines = [...state.lines.slice(0, from.line), ...replaced, ...state.lines.slice(to.line + 1)];
  return {lines, line: from.line + last, column: (last === 0 ? head.length : 0) + (parts[last] ?? '').length};
}

const moveTo = (state: EditorState, {line, column}: Position): EditorState => ({lines: state.lines, line, column});

// Keeps the column when moving between lines, clamped to the length of the target line.
function verticalMove(state: EditorState, direction: -1 | 1): EditorState {
  const target = state.line + direction;
  if (target < 0 || target >= state.lines.length) return state;
  return moveTo(state, {line: target, column: Math.min(state.column, lineAt(state.lines, target).length)});
}

/** Applies one editing action; a pure reducer, so every key binding is testable without a terminal. */
export function editLine(state: EditorState, action: EditAction): EditorState {
  const {lines} = state;
  const cursor: Position = {line: state.line, column: state.column};
  const length = lineAt(lines, cursor.line).length;
  switch (action.type) {
    case 'insert':
      return splice(state, cursor, cursor, action.text);
    case 'newline':
      return splice(state, cursor, cursor, '\n');
    case 'set':
      return editorFromText(action.text, action.cursor);
    case 'backspace':
      return splice(state, stepBack(lines, cursor), cursor);
    case 'delete':
      return splice(state, cursor, stepForward(lines, cursor));
    case 'left':
      return moveTo(state, stepBack(lines, cursor));
    case 'right':
      return moveTo(state, stepForward(lines, cursor));
    case 'word-left':
      return moveTo(state, wordStartBefore(lines, cursor, isWordChar));
    case 'word-right':
      return moveTo(state, wordEndAfter(lines, cursor));
    case 'home':
      return moveTo(state, {line: cursor.line, column: 0});
    case 'end':
      return moveTo(state, {line: cursor.line, column: length});
    case 'up':
      return verticalMove(state, -1);
    case 'down':
      return verticalMove(state, 1);
    case 'kill-to-start':
      // At the start of a line there is nothing left to kill on it, so join it to the previous one.
      return splice(state, cursor.column === 0 ? stepBack(lines, cursor) : {line: cursor.line, column: 0}, cursor);
    case 'kill-to-end':
      return splice(state, cursor, cursor.column === length ? stepForward(lines, cursor) : {line: cursor.line, column: length});
    case 'delete-word-back':
      // Whitespace-delimited like readline's Ctrl+W, so `path/to/file` goes in one stroke.
      return splice(state, wordStartBefore(lines, cursor, (char) => !isSpace(char)), cursor);
    case 'delete-word-forward':
      return splice(state, cursor, wordEndAfter(lines, cursor));
  }
}
