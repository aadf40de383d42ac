import {describe, expect, it} from 'vitest';
import {menuChoice} from '../../src/shell/command-menu.js';
import {shellInitScript} from '../../src/shell/shell-init.js';
import {UsageError} from '../../src/errors.js';

describe('the command menu keys', () => {
  it('maps e r d c q (either case) to their actions', () => {
    expect(['e', 'r', 'd', 'c', 'q', 'E', 'Q'].map(menuChoice)).toEqual(['execute', 'revise', 'describe', 'copy', 'quit', 'execute', 'quit']);
  });

  it('shows the menu again on Enter, quits on Esc and Ctrl-D, interrupts on Ctrl-C', () => {
    expect(['\r', '\n', '\u001b', '\u0004', '\u0003'].map(menuChoice)).toEqual(['again', 'again', 'quit', 'quit', 'interrupt']);
  });

  it('ignores other keys and escape sequences such as arrows', () => {
    expect(['x', ' ', 'y', '\u001b[A', '\u001bOP', 'ee'].map(menuChoice)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('shell-init scripts', () => {
  it('bind Alt-G in each shell', () => {
    expect(shellInitScript('bash')).toContain(`bind -m emacs -x '"\\eg": __gemma_cmd_widget'`);
    expect(shellInitScript('zsh')).toContain(`bindkey -M emacs '\\eg' __gemma_cmd_widget`);
    expect(shellInitScript('zsh')).toContain(`bindkey -M viins '\\eg' __gemma_cmd_widget`);
    expect(shellInitScript('fish')).toContain('bind \\eg __gemma_cmd_widget');
  });

  it('refuses another shell, naming the allowed ones', () => {
    expect(() => shellInitScript('tcsh')).toThrow(UsageError);
    expect(() => shellInitScript('tcsh')).toThrow(/^unknown shell "tcsh"; allowed: bash, zsh, fish$/);
  });
});
