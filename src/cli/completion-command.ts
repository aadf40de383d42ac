import {Argument, type Command} from 'commander';
import {UsageError} from '../errors.js';
import type {CliContext} from './cli-context.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/** After `.choices()` (which the completion tree reads), so the error is gemma's own sentence. */
function checkShell(value: string): Shell {
  const shell = SHELLS.find((name) => name === value);
  if (!shell) throw new UsageError(`unknown shell "${value}"; allowed: bash, zsh or fish`);
  return shell;
}

/**
 * `gemma completion bash|zsh|fish`: a script generated from this program's own tree, so every
 * command and flag (and the settings table's values) is in it. `__complete` is the hidden
 * command the scripts call for role and session names; src/cli/main.ts answers it before
 * commander is loaded, and this registration only keeps commander from calling it unknown.
 */
export function addCompletionCommand(program: Command, context: CliContext): void {
  program
    .command('completion')
    .description('print a shell completion script (docs/shell.md)')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS).argParser(checkShell))
    .addHelpText('after', '\nInstall:\n  bash: eval "$(gemma completion bash)"   in ~/.bashrc\n  zsh:  eval "$(gemma completion zsh)"    in ~/.zshrc, after compinit\n  fish: gemma completion fish > ~/.config/fish/completions/gemma.fish')
    .action(async (shell: Shell, _opts: unknown, command: Command) => {
      const {completionScript} = await import('../completion/completion-script.js');
      process.stdout.write(completionScript(shell, command.parent ?? command));
    });
  program
    .command('__complete', {hidden: true})
    .argument('[kind]')
    .action(async (kind: string | undefined) => {
      const {completeWords} = await import('../completion/complete-words.js');
      for (const word of completeWords(kind === undefined ? [] : [kind], context.env)) process.stdout.write(`${word}\n`);
    });
}
