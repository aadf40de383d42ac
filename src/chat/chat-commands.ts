import {UsageError} from '../errors.js';
import {BUILTIN_ROLES} from '../roles/builtin-roles.js';
import {SETTINGS} from '../settings/settings-table.js';
import type {ChatCommand} from './chat-command.js';
import type {ChatSession} from './chat-session.js';
import {listSessions, requireSession} from '../sessions/session-index.js';
import {sessionLine} from '../sessions/session-line.js';
import {copyToClipboard} from './copy-to-clipboard.js';
import {saveTranscript} from './save-transcript.js';
import {usageReport} from './chat-totals.js';
import {ROLE_COMMANDS} from './role-commands.js';
import {SETTING_COMMANDS} from './setting-commands.js';
import {FILE_COMMANDS} from './file-commands.js';
import {runBang, SHELL_COMMANDS} from './shell-commands.js';
import {restOfLine} from './split-args.js';

const CHAT_COMMANDS: readonly ChatCommand[] = [
  {name: 'help', usage: '/help', help: 'list the commands and keys', run: (chat) => chat.notice(helpText())},
  ...SETTING_COMMANDS,
  ...ROLE_COMMANDS,
  {name: 'clear', usage: '/clear', help: 'start a new conversation (the screen keeps the old one)', run: (chat) => {
    chat.clear();
    chat.notice('new conversation: earlier turns will not be sent');
  }},
  ...FILE_COMMANDS,
  ...SHELL_COMMANDS,
  {name: 'retry', usage: '/retry', help: 'ask a failed question again, or regenerate the last answer', run: (chat) => chat.retry()},
  {name: 'undo', usage: '/undo', help: 'drop the last exchange from the conversation', run: (chat) => {
    if (!chat.undo()) return chat.notice('nothing to undo');
    chat.notice('dropped the last exchange; it will not be sent');
  }},
  {name: 'compact', usage: '/compact [focus]', help: 'summarize the older turns to free the context window', run: (chat, rest) => chat.compact(restOfLine(rest) || undefined)},
  {name: 'copy', usage: '/copy', help: 'copy the last answer to the clipboard', run: (chat) => {
    const answer = chat.lastAnswer();
    if (answer === undefined) throw new UsageError('/copy: there is no answer yet');
    // OSC 52 is a request to a terminal: written into a pipe or a file it would land in the answers.
    if (!process.stdout.isTTY) return chat.notice('/copy needs a terminal to copy through (stdout is not one); nothing was copied', 'warning');
    chat.notice(`copied ${answer.length} characters ${copyToClipboard(answer)}`);
  }},
  {name: 'save', usage: '/save <file.md|file.json>', help: 'write the conversation to a file', run: (chat, rest) => {
    const file = restOfLine(rest);
    if (!file) throw new UsageError('/save needs a file name ending in .md or .json');
    const path = saveTranscript(file, chat.messages(), chat.settings());
    chat.notice(`saved to ${path}`);
  }},
  {name: 'usage', usage: '/usage', help: 'tokens and cost so far', run: (chat) => {
    chat.notice(usageReport(chat.getSnapshot().totals));
  }},
  {name: 'thinking', usage: '/thinking', help: "show or hide the model's reasoning", run: (chat) => {
    const show = !chat.getSnapshot().showThinking;
    chat.setSetting('showThinking', show);
    chat.notice(show ? 'thinking shown' : 'thinking hidden');
  }},
  {name: 'edit', usage: '/edit', help: 'edit the input in $VISUAL / $EDITOR (also Ctrl+G)', run: () => {
    throw new UsageError('/edit works in the terminal UI only');
  }},
  {name: 'sessions', usage: '/sessions', help: 'list stored conversations, newest first', run: (chat) => {
    const storage = chat.storage;
    if (!storage) throw new UsageError('/sessions: no session storage in this chat');
    const sessions = listSessions(storage.dataDir);
    chat.notice(sessions.length === 0 ? 'no stored sessions yet' : sessions.slice(0, 20).map(sessionLine).join('\n'));
  }},
  {name: 'resume', usage: '/resume <name|id>', help: 'continue a stored conversation here', run: (chat, rest) => {
    const storage = chat.storage;
    const key = restOfLine(rest);
    if (!storage || !key) throw new UsageError('/resume needs a session name or id (see /sessions)');
    chat.resume(requireSession(storage.dataDir, key));
  }},
  {name: 'exit', usage: '/exit', help: 'leave (also Ctrl-D)', run: (chat) => chat.requestExit()},
];

function helpText(): string {
  const width = Math.max(...CHAT_COMMANDS.map((command) => command.usage.length));
  const lines = CHAT_COMMANDS.map((command) => `${command.usage.padEnd(width)}  ${command.help}`);
  lines.push('', '!command runs it in your shell and shows its output here; it is not sent (/run attaches it)',
    '//text sends /text as a message (//etc/hosts sends /etc/hosts); !!text sends !text',
    'keys: Enter sends (while an answer streams: queues) · Alt+Enter, Ctrl+J or \\ at line end: newline',
    'Up/Down: history · Ctrl-R: search history · Tab: complete (again: next) · Ctrl-L: clear the screen',
    'Ctrl-C or Esc: cancel the answer or the command · Ctrl-C on an empty prompt twice, or Ctrl-D: exit · Ctrl+G: editor');
  return lines.join('\n');
}

/** Runs one `/command` (or `!command`) line; unknown commands are an error notice, the chat goes on. */
export async function runChatCommand(chat: ChatSession, line: string): Promise<void> {
  if (line.startsWith('!')) return runBang(chat, line.slice(1).trim());
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(line);
  const name = match?.[1]?.toLowerCase() ?? '';
  const command = CHAT_COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    throw new UsageError(`unknown command /${name} (/help lists them); to send it as a message, start it with //`);
  }
  await command.run(chat, match?.[2] ?? '');
}

/** What Tab completes: the commands, then setting names after /set and /unset, and the built-in roles after /role. */
export function chatCompletions(): string[] {
  const settingNames = SETTINGS.filter((def) => !def.flagOnly).map((def) => def.name);
  return [
    ...CHAT_COMMANDS.map((command) => `/${command.name}`),
    ...settingNames.map((name) => `/set ${name}`),
    ...settingNames.map((name) => `/unset ${name}`),
    ...Object.keys(BUILTIN_ROLES).map((name) => `/role ${name}`),
  ];
}
