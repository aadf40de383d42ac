import type {Command} from 'commander';
import {CMD_DEFAULTS} from '../shell/cmd-defaults.js';
import type {CliContext} from './cli-context.js';
import {wrappedToWidth} from './help-layout.js';
import {addSettingFlags} from './setting-flags.js';

export function addCmdCommand(program: Command, context: CliContext): void {
  const command = program
    .command('cmd')
    .description('one shell command for a task: on a terminal, a menu to run, revise, describe or copy it')
    .argument('<task...>', 'what the command should do, in words')
    // A function: wrapped at the terminal's width when the help is shown.
    .addHelpText('after', () => [
      '',
      wrappedToWidth('On a terminal (stdin and stdout both) the command is shown with a menu: [e]xecute [r]evise [d]escribe [c]opy [q]uit. Nothing runs without e; a command that can destroy data asks for "yes" first. In a pipe or $(...) only the command is printed and nothing runs. The prompt is the role `shell` (gemma roles show shell) with your $SHELL, OS and directory name: docs/shell.md.'),
      '',
      'Examples:',
      '  gemma cmd "find the ten largest files here"',
      '  gemma cmd --thinking-level high "rename *.jpeg to *.jpg"',
      '  gemma cmd "list listening ports" | pbcopy',
      '  eval "$(gemma shell-init bash)"   (Alt-G on a command line)',
    ].join('\n'));
  addSettingFlags(command, CMD_DEFAULTS).action(async (task: string[], opts: Record<string, unknown>) => {
    // Loaded on use, so `gemma --version` never loads the HTTP stack.
    const {runCmd} = await import('./run-cmd.js');
    await runCmd(task, opts, context);
  });
}
