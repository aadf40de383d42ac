import type {Command} from 'commander';
import type {CliContext} from './cli-context.js';
import {addExtractOptions} from './extract-flags.js';
import {addSettingFlags, collect} from './setting-flags.js';

export function addAskCommand(program: Command, context: CliContext): void {
  const command = program
    .command('ask')
    .description('ask one question; the answer streams to stdout')
    .argument('[prompt...]', 'the question; piped stdin is appended as material; "-" reads the prompt from stdin')
    .addHelpText('after', '\nExamples:\n  gemma ask "why is the sky blue?" --max-tokens 200\n  git diff | gemma ask "write a commit message"\n  gemma ask -n 3 --json "name a colour"\n  gemma ask --raw "a table of primes"   (the markdown as written, not rendered)\n  gemma ask -x "a bash loop over *.png" > loop.sh   (only the code block)\n  gemma ask --session notes "what did we say about X?"');
  command.option('-c, --continue', 'ask a follow-up inside the latest chat session, and record it there');
  command.option('--session <name>', 'ask inside the named session (or id), created when missing, and record it there');
  command.option('-r, --role <name>', 'a role: a system prompt and settings from roles/<name>.md (gemma roles list)');
  command.option('-f, --file <source>', 'send a file, directory, quoted glob, image, http(s) URL or - (stdin) before the prompt (repeatable)', collect);
  addExtractOptions(command, 'the answer (of each, with -n)');
  addSettingFlags(command).action(async (args: string[], opts: Record<string, unknown>) => {
    // Loaded on use, so `gemma --version` and `gemma config` never load the HTTP stack.
    const {runAsk} = await import('./run-ask.js');
    await runAsk(args, opts, context);
  });
}

