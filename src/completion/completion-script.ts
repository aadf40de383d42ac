import type {Command} from 'commander';
import {bashScript} from './bash-script.js';
import {commandTree} from './command-tree.js';
import {fishScript} from './fish-script.js';
import {zshScript} from './zsh-script.js';

/** The completion script for a shell, from the program's tree as it is now. */
export function completionScript(shell: 'bash' | 'zsh' | 'fish', program: Command): string {
  const tree = commandTree(program);
  switch (shell) {
    case 'bash':
      return bashScript(tree);
    case 'zsh':
      return zshScript(tree);
    case 'fish':
      return fishScript(tree);
  }
}
