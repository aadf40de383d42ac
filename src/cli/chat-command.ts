import type {Command} from 'commander';
import type {CliContext} from './cli-context.js';
import {addSettingFlags, collect} from './setting-flags.js';

export function addChatCommand(program: Command, context: CliContext): void {
  const command = program
    .command('chat')
    .description('an interactive conversation (plain line-by-line answers when there is no terminal)')
    .argument('[prompt...]', 'the first message; piped stdin is appended as material')
    .addHelpText('after', '\nExamples:\n  gemma chat\n  gemma chat -t 0.2 --system "answer briefly"\n  git diff | gemma chat "review this"\n  printf "hi\\nbye\\n" | gemma chat\n\nKeys and /commands: docs/chat.md, or /help inside the chat.');
  command
    .option('-c, --continue', 'resume the most recent conversation')
    .option('--session <name>', 'resume the named conversation, or start one with that name')
    .option('--no-save', 'keep this conversation out of storage (input history included)')
    .option('-f, --file <source>', 'send a file, directory, quoted glob, image, http(s) URL or - (stdin) with the first message (repeatable)', collect);
  addSettingFlags(command).action(async (args: string[], opts: Record<string, unknown>) => {
    // Loaded on use; the terminal UI (ink, React) loads later still, only for a terminal.
    const {runChat} = await import('./run-chat.js');
    await runChat(args, opts, context);
  });
}

