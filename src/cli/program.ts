import {Command, CommanderError} from 'commander';
import {UsageError} from '../errors.js';
import {addAskCommand} from './ask-command.js';
import {addAuthCommand} from './auth-command.js';
import {addChatCommand} from './chat-command.js';
import type {CliContext} from './cli-context.js';
import {addConfigCommand} from './config-command.js';
import {addSessionsCommand} from './sessions-command.js';
import {VERSION} from './version.js';


/** The commander program: every command, with usage errors turned into exit-2 UsageErrors. */
export function buildProgram(context: CliContext): Command {
  const program = new Command('gemma')
    .description("A terminal client for Google's Gemma 4 31B on the Runware API.\nKey: RUNWARE_API_KEY or `gemma auth login`. Docs: README.md and docs/.")
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({outputError: () => undefined});
  addAskCommand(program, context);
  addChatCommand(program, context);
  addSessionsCommand(program, context);
  addConfigCommand(program, context);
  addAuthCommand(program, context);
  program.addHelpText('after', '\nExamples:\n  gemma chat\n  gemma ask "hello" --max-tokens 200\n  cat notes.md | gemma ask "summarize"\n  gemma config set temperature 0.7\n  gemma auth login');
  return program;
}

/** Commander reports bad usage by throwing; help and --version are not failures. */
export function fromCommanderError(error: CommanderError): UsageError | undefined {
  // 'commander.help' is `gemma` with no command: the help it printed is the answer.
  if (error.exitCode === 0 || ['commander.help', 'commander.helpDisplayed', 'commander.version'].includes(error.code)) return undefined;
  return new UsageError(error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim(), {hint: 'see gemma --help'});
}

export {CommanderError};
