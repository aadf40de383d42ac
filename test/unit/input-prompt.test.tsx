import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {openInputHistory} from '../../src/chat/input-history.js';
import {PromptInput, type PromptInputProps} from '../../src/ui/input/prompt-input.js';
import {renderPrompt} from '../support/render-prompt.js';


function setup(overrides: Partial<PromptInputProps> = {}) {
  const prompt = renderPrompt(overrides);
  const screen = () => prompt.app.lastFrame() ?? '';
  return {...prompt, screen};
}

afterEach(() => {
  cleanup();
});

describe('PromptInput', () => {
  it('submits the typed text on Enter and clears the prompt', async () => {
    const {props, type, screen} = setup();
    await type('h', 'i', ' there');
    expect(screen()).toContain('› hi there');
    await type('\r');
    expect(props.onSubmit).toHaveBeenCalledWith('hi there');
    expect(props.history.entries()).toEqual(['hi there']);
    expect(screen()).not.toContain('hi there');
  });

  it('ignores Enter on blank input and while busy', async () => {
    const blank = setup();
    await blank.type('   ', '\r');
    expect(blank.props.onSubmit).not.toHaveBeenCalled();
    cleanup();
    const busy = setup({busy: true});
    await busy.type('ahead', '\r');
    expect(busy.props.onSubmit).not.toHaveBeenCalled();
    expect(busy.screen()).toContain('ahead');
    busy.app.rerender(<PromptInput {...busy.props} busy={false} />);
    await busy.type('\r');
    expect(busy.props.onSubmit).toHaveBeenCalledWith('ahead');
  });

  it('turns a backslash before Enter into a newline', async () => {
    const {props, type, screen} = setup();
    await type('one\\', '\r', 'two');
    expect(screen()).toContain('› one\n  two');
    await type('\r');
    expect(props.onSubmit).toHaveBeenCalledWith('one\ntwo');
  });

  it('inserts a newline on Ctrl+J, Alt+Enter and Shift+Enter', async () => {
    const {props, type} = setup();
    await type('a', '\n', 'b', '\x1b\r', 'c', '\x1b[13;2u', 'd', '\r');
    expect(props.onSubmit).toHaveBeenCalledWith('a\nb\nc\nd');
  });

  it('takes a bracketed paste with newlines as text, in one chunk or several', async () => {
    const {props, type, screen} = setup();
    await type('\x1b[200~first\r\nsecond\rthird\x1b[201~');
    expect(props.onSubmit).not.toHaveBeenCalled();
    expect(screen()).toContain('› first\n  second\n  third');
    await type('\x1b[200~', '\nfourth\n', '\x1b[201~', '\r');
    expect(props.onSubmit).toHaveBeenCalledTimes(1);
    expect(props.onSubmit).toHaveBeenCalledWith('first\nsecond\nthird\nfourth\n');
  });

  it('walks history with Up and Down and restores the draft', async () => {
    const history = openInputHistory(undefined);
    history.add('older');
    history.add('newer');
    const {type, screen} = setup({history});
    await type('draft');
    await type('\x1b[A');
    expect(screen()).toContain('› newer');
    await type('\x1b[A');
    expect(screen()).toContain('› older');
    await type('\x1b[A');
    expect(screen()).toContain('› older');
    await type('\x1b[B', '\x1b[B');
    expect(screen()).toContain('› draft');
  });

  it('moves between lines of a multi-line input before walking history', async () => {
    const history = openInputHistory(undefined);
    history.add('previous');
    const {props, type} = setup({history});
    await type('ab', '\n', 'cd', '\x1b[A', 'X', '\r');
    expect(props.onSubmit).toHaveBeenCalledWith('abX\ncd');
  });

  it('clears on Ctrl-C, then asks, then exits on a second Ctrl-C', async () => {
    const {props, type, screen} = setup();
    await type('text', '\x03');
    expect(screen()).not.toContain('text');
    expect(props.onExit).not.toHaveBeenCalled();
    await type('\x03');
    expect(screen()).toContain('press Ctrl-C again to exit');
    await type('\x03');
    expect(props.onExit).toHaveBeenCalledTimes(1);
  });

  it('disarms the second Ctrl-C on any other key', async () => {
    const {props, type, screen} = setup();
    await type('\x03', '\x1b[D');
    expect(screen()).not.toContain('again to exit');
    await type('\x03');
    expect(props.onExit).not.toHaveBeenCalled();
  });

  it('cancels the generation on Ctrl-C or Esc while busy', async () => {
    const {props, type} = setup({busy: true});
    await type('\x03', '\x1b');
    expect(props.onCancelGeneration).toHaveBeenCalledTimes(2);
    expect(props.onExit).not.toHaveBeenCalled();
  });

  it('exits on Ctrl-D when empty and deletes forward otherwise', async () => {
    const {props, type} = setup();
    await type('abc', '\x01', '\x04', '\r');
    expect(props.onSubmit).toHaveBeenCalledWith('bc');
    expect(props.onExit).not.toHaveBeenCalled();
    await type('\x04');
    expect(props.onExit).toHaveBeenCalledTimes(1);
  });

  it('completes on Tab, listing the candidates when several match', async () => {
    const {props, type, screen} = setup();
    await type('/he', '\t');
    expect(screen()).toContain('› /help');
    await type('\x15', '/s', '\t');
    expect(screen()).toContain('› /s\n/set   /save');
    await type('e', '\t');
    expect(screen()).toContain('› /set');
    await type(' t', '\t', '\r');
    expect(props.onSubmit).toHaveBeenCalledWith('/set temperature');
    await type('/x', '\t', '\r');
    expect(props.onSubmit).toHaveBeenLastCalledWith('/x');
  });

  it('kills with Ctrl+U, Ctrl+K and Ctrl+W', async () => {
    const {props, type} = setup();
    await type('one two three', '\x17', '\r');
    expect(props.onSubmit).toHaveBeenLastCalledWith('one two ');
    await type('abc def', '\x1b[D', '\x1b[D', '\x0b', '\r');
    expect(props.onSubmit).toHaveBeenLastCalledWith('abc d');
    await type('abc def', '\x1b[D', '\x15', '\r');
    expect(props.onSubmit).toHaveBeenLastCalledWith('f');
  });

  it('edits with Backspace, Delete, Home and word moves', async () => {
    const {props, type} = setup();
    await type('hello world', '\x7f', '\x1b[H', '\x1b[3~', '\x1bf', '!', '\r');
    expect(props.onSubmit).toHaveBeenCalledWith('ello! worl');
  });

  it('opens the editor on Ctrl+G and /edit, replacing the input without sending', async () => {
    const openEditor = vi.fn(async (current: string) => `${current} edited`);
    const {props, type, screen} = setup({openEditor});
    await type('draft', '\x07');
    expect(openEditor).toHaveBeenCalledWith('draft');
    expect(screen()).toContain('› draft edited');
    expect(props.onSubmit).not.toHaveBeenCalled();
    await type('\x15', '/edit', '\r');
    expect(openEditor).toHaveBeenLastCalledWith('');
    expect(screen()).toContain('›  edited');
    expect(props.onSubmit).not.toHaveBeenCalled();
  });

  it('indents continuation lines by the width of a custom prompt', async () => {
    const {type, screen} = setup({prompt: 'you> '});
    await type('a', '\n', 'b');
    expect(screen()).toBe('you> a\n     b');
  });
});
