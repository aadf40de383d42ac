import {Command, CommanderError} from 'commander';
import {ExitCode, UsageError} from '../errors.js';
import {addAskCommand} from './ask-command.js';
import {addAuthCommand} from './auth-command.js';
import {addBatchCommand} from './batch-command.js';
import {addChatCommand} from './chat-command.js';
import {addCmdCommand} from './cmd-command.js';
import type {CliContext} from './cli-context.js';
import {addCompletionCommand} from './completion-command.js';
import {addConfigCommand} from './config-command.js';
import {addRolesCommand} from './roles-command.js';
import {addSessionsCommand} from './sessions-command.js';
import {addShellInitCommand} from './shell-init-command.js';
import {helpRows, stackedWhenNarrow, wrappedToWidth} from './help-layout.js';
import {VERSION} from './version.js';

/** The commander program: every command, with usage errors turned into exit-2 UsageErrors. */
export function buildProgram(context: CliContext): Command {
  const program = new Command('gemma')
    .description("A terminal client for Google's Gemma 4 31B on the Runware API.\nKey: RUNWARE_API_KEY or `gemma auth login`. Docs: README.md and docs/.")
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .configureHelp({minWidthToWrap: 20, formatItem: stackedWhenNarrow})
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({outputError: () => undefined});
  addAskCommand(program, context);
  addChatCommand(program, context);
  addCmdCommand(program, context);
  addBatchCommand(program, context);
  addSessionsCommand(program, context);
  addConfigCommand(program, context);
  addRolesCommand(program, context);
  addAuthCommand(program, context);
  addShellInitCommand(program);
  addCompletionCommand(program, context);
  // A function: the width is the terminal's when the help is shown, as commander's own lists use.
  program.addHelpText('after', () =>
    [
      '',
      'Examples:',
      '  gemma chat',
      '  gemma ask "hello" --max-tokens 200',
      '  cat notes.md | gemma ask "summarize"',
      '  git diff | gemma ask -r commit        (a role: docs/context.md)',
      '  gemma cmd "find the ten largest files here"   (docs/shell.md)',
      '  gemma config set temperature 0.7',
      '  gemma auth login',
      '  gemma ask --help',
      '',
      wrappedToWidth("Each command's --help lists its settings: what each accepts and its default."),
      '',
      'Environment (docs/configuration.md):',
      helpRows([
        ['RUNWARE_API_KEY, RUNWARE_BASE_URL', 'the key and the endpoint'],
        ['GEMMA_<SETTING>', 'any setting, e.g. GEMMA_TEMPERATURE=0.2'],
        ['GEMMA_CONFIG_DIR, GEMMA_DATA_DIR', 'the config folder; sessions and input history'],
        ['GEMMA_CACHE_DIR', 'compiled code kept to start faster'],
        ['HTTPS_PROXY, HTTP_PROXY, NO_PROXY', 'proxies for API requests'],
        ['NO_COLOR', 'no colour, even on a terminal'],
        ['GEMMA_DEBUG', 'a stack trace for unexpected errors'],
      ]),
    ].join('\n'),
  );
  return program;
}

/** Commander reports bad usage by throwing; help and --version are not failures. */
export function fromCommanderError(error: CommanderError): UsageError | undefined {
  // 'commander.help': no command was named (main answers a bare `gemma` itself): the help it printed is the answer.
  if (error.exitCode === ExitCode.ok || ['commander.help', 'commander.helpDisplayed', 'commander.version'].includes(error.code)) return undefined;
  return new UsageError(error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim(), {hint: 'see gemma --help'});
}

export {CommanderError};
