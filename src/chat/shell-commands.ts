import {UsageError} from '../errors.js';
import type {ChatCommand} from './chat-command.js';
import type {ChatSession} from './chat-session.js';

/** `!` with nothing after it. */
const EMPTY_BANG = '! needs a command to run (!git status shows its output here; it is not sent); to send a message that starts with !, start it with !!';

/** `!command`: runs it and shows its output; the model never sees it. */
export function runBang(chat: ChatSession, command: string): Promise<void> {
  if (command === '') throw new UsageError(EMPTY_BANG);
  return chat.shell(command, false);
}

export const SHELL_COMMANDS: readonly ChatCommand[] = [
  {name: 'run', usage: '/run <command>', help: 'run a shell command and attach its output (and exit code) to your next message', run: (chat, rest) => {
    const command = rest.trim();
    if (command === '') throw new UsageError('/run needs a command to run, e.g. /run git diff; its output is attached to your next message');
    return chat.shell(command, true);
  }},
];
