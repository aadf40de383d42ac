import {describe, expect, it} from 'vitest';
import {layoutLine, locateColumn} from '../../src/ui/input/line-rows.js';
import {editLine, editorFromText, editorText, type EditAction, type EditorState} from '../../src/ui/input/line-editor.js';

// Writes a state as text with `|` at the cursor, so expectations read like the screen.
const show = (state: EditorState): string =>
  editorText({...state, lines: state.lines.map((line, index) => (index === state.line ? `${line.slice(0, state.column)}|${line.slice(state.column)}` : line))});
const at = (marked: string): EditorState => editorFromText(marked.replace('|', ''), marked.indexOf('|'));
const apply = (marked: string, ...actions: EditAction['type'][]): string =>
  show(actions.reduce((state, type) => editLine(state, {type} as EditAction), at(marked)));

describe('editLine', () => {
  it('inserts at the cursor and sets text', () => {
    expect(show(editLine(at('ab|cd'), {type: 'insert', text: 'XY'}))).toBe('abXY|cd');
    expect(show(editLine(at('ab|'), {type: 'set', text: 'hello'}))).toBe('hello|');
    expect(show(editLine(at('|'), {type: 'set', text: 'hello', cursor: 2}))).toBe('he|llo');
    expect(apply('ab|cd', 'newline')).toBe('ab\n|cd');
  });

  it('deletes backwards and forwards, at the edges too', () => {
    expect(apply('ab|cd', 'backspace')).toBe('a|cd');
    expect(apply('|abc', 'backspace')).toBe('|abc');
    expect(apply('ab|cd', 'delete')).toBe('ab|d');
    expect(apply('abc|', 'delete')).toBe('abc|');
    expect(apply('a\n|b', 'backspace')).toBe('a|b');
  });

  it('treats a surrogate pair as one character', () => {
    expect(apply('a😀|b', 'backspace')).toBe('a|b');
    expect(apply('a|😀b', 'delete')).toBe('a|b');
    expect(apply('a|😀b', 'right')).toBe('a😀|b');
    expect(apply('a😀|b', 'left')).toBe('a|😀b');
  });

  it('moves left and right, stopping at the ends', () => {
    expect(apply('ab|c', 'left', 'left', 'left')).toBe('|abc');
    expect(apply('a|bc', 'right', 'right', 'right')).toBe('abc|');
  });

  it('moves home and end within the current line', () => {
    expect(apply('one\ntw|o\nthree', 'home')).toBe('one\n|two\nthree');
    expect(apply('one\ntw|o\nthree', 'end')).toBe('one\ntwo|\nthree');
    expect(apply('a|bc', 'home')).toBe('|abc');
    expect(apply('a|bc', 'end')).toBe('abc|');
  });

  it('moves up and down keeping the column, clamped to shorter lines', () => {
    expect(apply('abcdef\nxy\nlon|ger', 'up')).toBe('abcdef\nxy|\nlonger');
    expect(apply('abcdef\nxy\nlon|ger', 'up', 'up')).toBe('ab|cdef\nxy\nlonger');
    expect(apply('abc|def\nxy', 'down')).toBe('abcdef\nxy|');
    expect(apply('ab|c', 'up')).toBe('ab|c');
    expect(apply('ab|c', 'down')).toBe('ab|c');
  });

  it('kills to the start and end of the line, joining lines at the edges', () => {
    expect(apply('one\ntw|o', 'kill-to-start')).toBe('one\n|o');
    expect(apply('one\n|two', 'kill-to-start')).toBe('one|two');
    expect(apply('o|ne\ntwo', 'kill-to-end')).toBe('o|\ntwo');
    expect(apply('one|\ntwo', 'kill-to-end')).toBe('one|two');
    expect(apply('|', 'kill-to-start', 'kill-to-end')).toBe('|');
    expect(apply('|\nnext', 'kill-to-start', 'home', 'up')).toBe('|\nnext');
  });

  it('deletes the previous whitespace-delimited word', () => {
    expect(apply('git commit -m|', 'delete-word-back')).toBe('git commit |');
    expect(apply('open src/ui/app.tsx  |', 'delete-word-back')).toBe('open |');
    expect(apply('one two|', 'delete-word-back', 'delete-word-back')).toBe('|');
    expect(apply('|abc', 'delete-word-back')).toBe('|abc');
  });

  it('moves and deletes by words of letters and digits', () => {
    expect(apply('foo.bar baz|', 'word-left')).toBe('foo.bar |baz');
    expect(apply('foo.bar baz|', 'word-left', 'word-left')).toBe('foo.|bar baz');
    expect(apply('|foo.bar baz', 'word-right')).toBe('foo|.bar baz');
    expect(apply('foo|.bar baz', 'word-right')).toBe('foo.bar| baz');
    expect(apply('foo|.bar baz', 'delete-word-forward')).toBe('foo| baz');
  });
});

describe('editLine across lines', () => {
  it('inserts a multi-line paste at the cursor, the cursor after it', () => {
    expect(show(editLine(at('a|b\nc'), {type: 'insert', text: 'x\ny\nz'}))).toBe('ax\ny\nz|b\nc');
    expect(show(editLine(at('a|'), {type: 'insert', text: '\n'}))).toBe('a\n|');
  });

  it('moves and deletes by words over line breaks', () => {
    expect(apply('one\n|two', 'word-left')).toBe('|one\ntwo');
    expect(apply('one|\n\ntwo x', 'word-right')).toBe('one\n\ntwo| x');
    expect(apply('a b\n  |', 'delete-word-back')).toBe('a |');
    expect(apply('ab|\ncd', 'delete')).toBe('ab|cd');
    expect(apply('ab\n|cd', 'left', 'right', 'right')).toBe('ab\nc|d');
  });
});

describe('editorFromText', () => {
  it('keeps the text as lines, with the cursor as a line and a column', () => {
    expect(at('one\ntw|o')).toEqual({lines: ['one', 'two'], line: 1, column: 2});
    expect(at('|')).toEqual({lines: [''], line: 0, column: 0});
    expect(at('a\n|')).toEqual({lines: ['a', ''], line: 1, column: 0});
  });
});

describe('layoutLine and locateColumn', () => {
  it('finds the row and offset of a column, tabs drawn as four spaces, a broken-at space at the end of its row', () => {
    const layout = layoutLine('hello world again', 11);
    expect(layout.rows).toEqual(['hello world', 'again']);
    expect(locateColumn('hello world again', layout, 11)).toEqual({row: 0, offset: 11});
    expect(locateColumn('hello world again', layout, 12)).toEqual({row: 1, offset: 0});
    expect(locateColumn('hello world again', layout, 17)).toEqual({row: 1, offset: 5});
    const tabbed = layoutLine('\tab\tc', 20);
    expect(tabbed.rows).toEqual(['    ab    c']);
    expect(locateColumn('\tab\tc', tabbed, 4)).toEqual({row: 0, offset: 10});
  });

  it('breaks a wide-character line by cells, never wider than the row', () => {
    const layout = layoutLine('漢字漢字漢字', 5);
    expect(layout.rows).toEqual(['漢字', '漢字', '漢字']);
    expect(locateColumn('漢字漢字漢字', layout, 3)).toEqual({row: 1, offset: 1});
  });
});
