import type {ChatMessage} from '../api/types.js';
import {copyToClipboard} from '../chat/copy-to-clipboard.js';
import {InterruptedError} from '../errors.js';
import {colorFor} from '../output/terminal.js';
import {MENU_LINE, readMenuKey, readMenuLine, type MenuTerminal} from '../shell/command-menu.js';
import {dangerReasons} from '../shell/danger-patterns.js';
import {runInShell} from '../shell/run-in-shell.js';
import {userShell} from '../shell/shell-facts.js';
import {terminalSafe} from '../text/terminal-safe.js';
import {askForCommand, describeCommand} from './cmd-model.js';
import {formatError} from './report-error.js';
import type {CmdRun} from './run-cmd.js';

/**
 * The menu under a command, until it runs (gemma then exits with its code) or the user quits
 * (0; Ctrl-C 130). The command is the model's text: shown through terminalSafe, on stdout (it is
 * the answer); the menu, warnings and prompts go to stderr.
 */
export async function commandMenu(first: string, messages: ChatMessage[], run: CmdRun): Promise<number> {
  const {env} = run.context;
  const terminal: MenuTerminal = {input: process.stdin, output: process.stderr};
  const out = colorFor(process.stdout, env).enabled;
  const err = colorFor(process.stderr, env);
  const red = (text: string): string => (err.enabled ? `\u001b[31m${text}\u001b[39m` : text);
  let command = first;
  let dangers: string[] = [];
  const show = (): void => {
    const shown = terminalSafe(command);
    process.stdout.write(`${out ? `\u001b[1;36m${shown}\u001b[0m` : shown}\n`);
    dangers = dangerReasons(command);
    for (const why of dangers) process.stderr.write(`${red(`gemma: warning: this command can destroy data: it ${why}`)}\n`);
  };
  show();
  for (;;) {
    process.stderr.write(`${err.dim(MENU_LINE)} `);
    const choice = await readMenuKey(terminal);
    process.stderr.write('\n');
    switch (choice) {
      case 'again':
        continue;
      case 'quit':
        return 0;
      case 'interrupt':
        throw new InterruptedError();
      case 'copy':
        process.stderr.write(`copied the command ${copyToClipboard(command, process.stdout, env)}\n`);
        continue;
      case 'execute': {
        if (dangers.length > 0) {
          const answer = await readMenuLine(terminal, red('Type yes to run it anyway: '));
          if (answer === undefined) throw new InterruptedError();
          if (answer.trim() !== 'yes') {
            process.stderr.write('not run\n');
            continue;
          }
        }
        return runInShell(command, userShell(env));
      }
      case 'revise': {
        const revision = await readMenuLine(terminal, 'revise: ');
        if (revision === undefined) throw new InterruptedError();
        if (revision.trim() === '') continue;
        const asked: ChatMessage[] = [...messages, {role: 'assistant', content: command}, {role: 'user', content: revision.trim()}];
        const next = await orReport(() => askForCommand(run.settings, asked, run.apiKey, env), run);
        if (next === undefined) continue;
        messages.splice(0, messages.length, ...asked);
        command = next;
        show();
        continue;
      }
      case 'describe':
        await orReport(async () => describeCommand(await run.explainSettings(), describePrompt(command, run), run.apiKey, env), run);
        continue;
    }
  }
}

/**
 * A failed revision or description is reported and the menu comes back, the command kept: the
 * user loses nothing to a service error. Ctrl-C still ends gemma.
 */
async function orReport<T>(work: () => Promise<T>, run: CmdRun): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    process.stderr.write(`${formatError(error, run.context.secrets, false).line}\n`);
    return undefined;
  }
}

function describePrompt(command: string, {task, facts}: CmdRun): string {
  return `Explain this ${facts.shell} command, part by part, and say what it changes on the system, if anything. It was written for the task: ${task}\n\n\`\`\`sh\n${command}\n\`\`\``;
}
