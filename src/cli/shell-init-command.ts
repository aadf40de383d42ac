import type {Command} from 'commander';
import {shellInitScript} from '../shell/shell-init.js';

export function addShellInitCommand(program: Command): void {
  program
    .command('shell-init')
    .description('print the Alt-G widget for bash, zsh or fish: it turns the line being typed into a command')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText('after', '\nAdd one line to the shell\'s rc file:\n  bash (~/.bashrc):  eval "$(gemma shell-init bash)"\n  zsh (~/.zshrc):    eval "$(gemma shell-init zsh)"\n  fish (config.fish): gemma shell-init fish | source')
    .action((shell: string) => {
      process.stdout.write(shellInitScript(shell));
    });
}
