/** One key as the prompt sees it: text to insert, or a named key with its modifiers. */
export interface KeyPress {
  /** Printable text to insert; '' for a control key. */
  text: string;
  /** 'return', 'linefeed', 'tab', 'backspace', 'delete', 'escape', 'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'insert', or the lower-case letter of a Ctrl/Alt chord; '' for text. */
  name: string;
  ctrl: boolean;
  /** Alt (Option), sent as an ESC prefix or as a modifier parameter. */
  meta: boolean;
  shift: boolean;
}

const press = (name: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  text: '',
  name,
  ctrl: false,
  meta: false,
  shift: false,
  ...modifiers,
});

const CONTROL_NAMES: Record<string, string> = {
  '\r': 'return',
  '\n': 'linefeed',
  '\t': 'tab',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\x1b': 'escape',
};

const CSI_LETTERS: Record<string, string> = {A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'tab'};
const CSI_NUMBERS: Record<string, string> = {
  '1': 'home',
  '2': 'insert',
  '3': 'delete',
  '4': 'end',
  '5': 'pageup',
  '6': 'pagedown',
  '7': 'home',
  '8': 'end',
};
const KITTY_CODES: Record<number, string> = {13: 'return', 9: 'tab', 27: 'escape', 127: 'backspace', 8: 'backspace'};

function decodeChar(char: string): KeyPress | undefined {
  const name = CONTROL_NAMES[char];
  if (name) return press(name);
  const code = char.codePointAt(0) ?? 0;
  if (code >= 1 && code <= 26) return press(String.fromCharCode(code + 96), {ctrl: true});
  if (code < 32) return undefined;
  return {...press(''), text: char};
}

// xterm encodes modifiers as 1 + a bit mask: 1 shift, 2 alt, 4 ctrl, 8 meta (super).
function modifiersOf(parameter: string | undefined): Partial<KeyPress> {
  const mask = Math.max(Number.parseInt(parameter ?? '1', 10) - 1, 0) || 0;
  return {shift: (mask & 1) !== 0, meta: (mask & 10) !== 0, ctrl: (mask & 4) !== 0};
}

// A key from its code point, as in kitty's `CSI code ; mods u` and xterm's `CSI 27 ; mods ; code ~`.
function decodeCodePoint(code: number, modifiers: Partial<KeyPress>): KeyPress | undefined {
  const name = KITTY_CODES[code];
  if (name) return press(name, modifiers);
  if (code < 32 || code > 0x10ffff) return undefined;
  const char = String.fromCodePoint(code);
  if (modifiers.ctrl || modifiers.meta) return press(char.toLowerCase(), modifiers);
  return {...press(''), text: char};
}

function decodeCsi(parameters: string, final: string, prefixed: boolean): KeyPress | undefined {
  const fields = parameters.split(';');
  const modifierField = fields[1]?.split(':');
  // Kitty reports key releases as event type 3; the prompt acts on presses only.
  if (modifierField?.[1] === '3') return undefined;
  const modifiers = modifiersOf(modifierField?.[0]);
  if (prefixed) modifiers.meta = true;
  if (final === 'u') return decodeCodePoint(Number.parseInt(fields[0] ?? '', 10), modifiers);
  if (final === '~') {
    if (fields[0] === '27') return decodeCodePoint(Number.parseInt(fields[2] ?? '', 10), modifiers);
    const name = CSI_NUMBERS[fields[0] ?? ''];
    return name ? press(name, modifiers) : undefined;
  }
  const name = CSI_LETTERS[final];
  if (!name) return undefined;
  return press(name, final === 'Z' ? {...modifiers, shift: true} : modifiers);
}

function decodeEscaped(sequence: string): KeyPress | undefined {
  const csi = /^\x1b(\x1b)?\[([\d;:]*)([A-Za-z~])$/.exec(sequence);
  if (csi) return decodeCsi(csi[2] ?? '', csi[3] ?? '', csi[1] !== undefined);
  const ss3 = /^\x1b(\x1b)?O([A-Za-z])$/.exec(sequence);
  if (ss3) return decodeCsi('', ss3[2] ?? '', ss3[1] !== undefined);
  const rest = sequence.slice(1);
  if (rest === '') return press('escape');
  if ([...rest].length !== 1) return undefined;
  // ESC before a key is how most terminals send Alt: Alt+b, Alt+Backspace, Alt+Enter.
  const key = decodeChar(rest);
  if (!key) return undefined;
  if (key.text === '') return {...key, meta: true};
  return press(key.text.toLowerCase(), {meta: true, shift: key.text !== key.text.toLowerCase()});
}

/**
 * Decodes one input event as ink's tokenizer splits stdin: an escape sequence, or a run of plain
 * characters. A run of several printable characters (with newlines) is text to insert whole, which is
 * how a paste looks on a terminal without bracketed paste; a run mixing in other control characters
 * is decoded character by character.
 */
export function decodeKey(sequence: string): KeyPress[] {
  if (sequence.startsWith('\x1b')) {
    const key = decodeEscaped(sequence);
    return key ? [key] : [];
  }
  const chars = [...sequence];
  // Typed text and its Enter read together (a fast typist, a script, tmux send-keys): a single
  // line ending in CR is text plus Enter, not a one-line paste.
  if (chars.length > 1 && /^[^\r\n]+\r$/.test(sequence)) return [...decodeKey(sequence.slice(0, -1)), press('return')];
  if (chars.length > 1 && !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(sequence)) {
    return [{...press(''), text: sequence.replace(/\r\n?/g, '\n')}];
  }
  return chars.map(decodeChar).filter((key): key is KeyPress => key !== undefined);
}
