import type {KeyPress} from './decode-key.js';
import type {EditAction} from './line-editor.js';

type SimpleEdit = Exclude<EditAction, {text: string}>['type'];

// Readline's (emacs) bindings, which is what terminal users' fingers expect.
const CTRL: Record<string, SimpleEdit> = {
  a: 'home',
  e: 'end',
  b: 'left',
  f: 'right',
  u: 'kill-to-start',
  k: 'kill-to-end',
  w: 'delete-word-back',
  left: 'word-left',
  right: 'word-right',
  backspace: 'delete-word-back',
  delete: 'delete-word-forward',
};

const META: Record<string, SimpleEdit> = {
  b: 'word-left',
  f: 'word-right',
  d: 'delete-word-forward',
  left: 'word-left',
  right: 'word-right',
  backspace: 'delete-word-back',
  delete: 'delete-word-forward',
};

const PLAIN: Record<string, SimpleEdit> = {
  left: 'left',
  right: 'right',
  home: 'home',
  end: 'end',
  backspace: 'backspace',
  delete: 'delete',
};

/** The editing action a key stands for, if any; keys with effects beyond the text are bound in usePromptKeys. */
export function editActionFor(key: KeyPress): EditAction | undefined {
  if (key.text !== '') return {type: 'insert', text: key.text};
  const table = key.ctrl ? CTRL : key.meta ? META : PLAIN;
  const type = table[key.name];
  return type ? {type} : undefined;
}
