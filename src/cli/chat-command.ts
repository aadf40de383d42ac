import type {Command} from 'commander';
import type {CliContext} from './cli-context.js';
import {CHAT_DEFAULTS} from '../settings/chat-defaults.js';
import {wrappedToWidth} from './help-layout.js';
import {addExtractOptions} from './extract-flags.js';
import {addSettingFlags, collect} from './setting-flags.js';

export function addChatCommand(program: Command, context: CliContext): void {
  const command = program
    .command('chat')
    .description('an interactive conversation (plain line-by-line answers when there is no terminal)')
    .argument('[prompt...]', 'the first message; piped stdin is appended as material')
    // A function: wrapped at the width of the terminal the help is shown on.
    .addHelpText('after', () => [
      '',
      'Examples:',
      '  gemma chat',
      '  gemma chat -t 0.2 --system "answer briefly"',
      '  git diff | gemma chat "review this"',
      '  printf "hi\\nbye\\n" | gemma chat',
      '  gemma chat --json < questions.txt > answers.jsonl',
      '',
      wrappedToWidth("Each answer's footer shows its tokens and cost (--no-usage, --no-cost: not asked for)."),
      wrappedToWidth('Without a terminal, answers print one after another, a blank line between them; --json prints one line of JSON per answer instead.'),
      'Keys and /commands: docs/chat.md, or /help inside the chat.',
    ].join('\n'));
  command
    .option('-c, --continue', 'resume the most recent conversation')
    .option('--session <name>', 'resume the named conversation, or start one with that name')
    .option('--no-save', 'keep this conversation out of storage (input history included)')
    .option('-r, --role <name>', 'a role: a system prompt and settings from roles/<name>.md (gemma roles list)')
    .option('-f, --file <source>', 'send a file, directory, quoted glob, image, http(s) URL or - (stdin) with the first message (repeatable)', collect);
  addExtractOptions(command, 'each answer (piped chat only)');
  addSettingFlags(command, CHAT_DEFAULTS).action(async (args: string[], opts: Record<string, unknown>) => {
    // Loaded on use; the terminal UI (ink, React) loads later still, only for a terminal.
    const {runChat} = await import('./run-chat.js');
    await runChat(args, opts, context);
  });
}

