import stripAnsi from 'strip-ansi';
import {ExitCode} from '../errors.js';
import type {SourceText} from '../context/load-sources.js';
import type {ShellEntry} from './chat-types.js';
import type {ShellRun} from './run-shell-command.js';

/**
 * A command's output as a terminal would have left it on screen: colour and other escape
 * sequences dropped (a command that forces colour into a pipe), and a line rewritten with
 * carriage returns (a progress bar) as its last state. What is left of terminal controls is
 * made visible by terminal-safe.ts where it is shown; the model reads this text as it is.
 */
export function outputAsShown(text: string): string {
  return stripAnsi(text)
    .split('\n')
    .map((line) => {
      const body = line.endsWith('\r') ? line.slice(0, -1) : line;
      const at = body.lastIndexOf('\r');
      return (at === -1 ? body : body.slice(at + 1)) + (body === line ? '' : '\r');
    })
    .join('\n');
}

/** How a run ended, in words, when it did not end well: `exit code 2`, `stopped`, `killed by SIGKILL`; '' for exit 0. */
export function runEnding(run: {exitCode: number | null; signal: string | null; cancelled: boolean}): string {
  if (run.cancelled) return 'stopped';
  if (run.signal) return `killed by ${run.signal}`;
  return run.exitCode === ExitCode.ok ? '' : `exit code ${run.exitCode ?? '?'}`;
}

/** The name a `/run` attachment's block bears, `$ git status`: the command as typed at a prompt. */
const runName = (command: string): string => `$ ${command}`;

/** The command of a `/run` attachment's name, or undefined for a file's. */
export function runCommandOfName(name: string): string | undefined {
  return name.startsWith('$ ') ? name.slice(2) : undefined;
}

/**
 * `/run`'s output as an attached text: a block named `$ command` holding the output, then how it
 * ended (`[exit code 0]`, said for success too: the model cannot tell otherwise).
 */
export function runAttachmentText(command: string, run: ShellRun): SourceText {
  const output = outputAsShown(run.output);
  const ending = runEnding(run) || 'exit code 0';
  return {name: runName(command), text: `${output}${output === '' || output.endsWith('\n') ? '' : '\n'}[${ending}]\n`};
}

/** `!`'s entry as plain lines (piped chat's stderr): `$ command`, the output, how it ended if not well. */
export function shellEntryText(entry: Omit<ShellEntry, 'id'>): string {
  const ending = runEnding(entry);
  if (entry.attached !== undefined) return `attached the output of \`${entry.command}\`${ending ? ` (${ending})` : ''}: ${entry.attached}; it goes with your next message`;
  const output = entry.output === '' || entry.output.endsWith('\n') ? entry.output : `${entry.output}\n`;
  return `$ ${entry.command}\n${output}${ending ? `[${ending}]\n` : ''}`;
}
