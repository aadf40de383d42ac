import {formatCost} from '../api/format-cost.js';
import {UsageError} from '../errors.js';
import {findSetting} from '../settings/find-setting.js';
import {parseSettingValues} from '../settings/parse-setting-value.js';
import {SETTINGS} from '../settings/settings-table.js';
import type {ChatSession} from './chat-session.js';
import {listSessions, requireSession} from '../sessions/session-index.js';
import {sessionLine} from '../sessions/session-line.js';
import {copyToClipboard} from './copy-to-clipboard.js';
import {resumeSession} from './resume-session.js';
import {saveTranscript} from './save-transcript.js';
import {settingsReport} from './settings-report.js';
import {splitArgs} from './split-args.js';

interface ChatCommand {
  name: string;
  usage: string;
  help: string;
  run(session: ChatSession, rest: string): Promise<void> | void;
}

function setSetting(session: ChatSession, name: string, raws: string[]): void {
  const def = findSetting(name, {configurable: true});
  // Same validation and message as the flag; a bad value changes nothing.
  const value = parseSettingValues(def, raws, `${def.name} (--${def.flag})`);
  session.session.set(def.name, value);
  session.record({type: 'setting', name: def.name, value});
  if (def.name === 'showThinking') session.update({showThinking: value === true});
  session.refreshHeader();
  session.notice(`${def.name} = ${Array.isArray(value) ? value.map((v) => JSON.stringify(v)).join(', ') : String(value)}`);
}

export const CHAT_COMMANDS: readonly ChatCommand[] = [
  {name: 'help', usage: '/help', help: 'list the commands and keys', run: (session) => session.notice(helpText())},
  {name: 'set', usage: '/set <setting> <value...>', help: 'change a setting for the next requests', run: (session, rest) => {
    const [name, ...values] = splitArgs(rest);
    if (!name) throw new UsageError('/set needs a setting and a value, e.g. /set temperature 0.7 (see /settings)');
    setSetting(session, name, values);
  }},
  {name: 'unset', usage: '/unset <setting>', help: 'back to the config file or default', run: (session, rest) => {
    const [name] = splitArgs(rest);
    if (!name) throw new UsageError('/unset needs a setting, e.g. /unset temperature');
    const def = findSetting(name, {configurable: true});
    session.session.delete(def.name);
    session.flags.delete(def.name);
    session.record({type: 'setting', name: def.name, value: null});
    if (def.name === 'showThinking') session.update({showThinking: session.settings().get('showThinking')?.value === true});
    session.refreshHeader();
    const entry = session.settings().get(def.name);
    session.notice(`${def.name} unset${entry ? ` (now ${String(entry.value)} from ${entry.source})` : ''}`);
  }},
  {name: 'settings', usage: '/settings', help: 'effective values and where each came from', run: (session) => session.notice(settingsReport(session.settings()))},
  {name: 'system', usage: '/system <text>', help: 'set the system prompt', run: (session, rest) => setSetting(session, 'systemPrompt', [rest.trim()])},
  {name: 'model', usage: '/model <id>', help: 'change the model', run: (session, rest) => setSetting(session, 'model', [rest.trim()])},
  {name: 'clear', usage: '/clear', help: 'start a new conversation (the screen keeps the old one)', run: (session) => {
    session.conversation.clear();
    session.forgetFailedQuestion();
    session.record({type: 'clear'});
    session.notice('new conversation: earlier turns will not be sent');
  }},
  {name: 'retry', usage: '/retry', help: 'ask a failed question again, or regenerate the last answer', run: (session) => session.retry()},
  {name: 'undo', usage: '/undo', help: 'drop the last exchange from the conversation', run: (session) => {
    if (!session.conversation.undo()) return session.notice('nothing to undo');
    session.forgetFailedQuestion();
    session.record({type: 'undo'});
    session.notice('dropped the last exchange; it will not be sent');
  }},
  {name: 'copy', usage: '/copy', help: 'copy the last answer to the clipboard', run: (session) => {
    const answer = session.conversation.lastAnswer();
    if (answer === undefined) throw new UsageError('/copy: there is no answer yet');
    // OSC 52 is a request to a terminal: written into a pipe or a file it would land in the answers.
    if (!process.stdout.isTTY) return session.notice('/copy needs a terminal to copy through (stdout is not one); nothing was copied', 'warning');
    session.notice(`copied ${answer.length} characters ${copyToClipboard(answer)}`);
  }},
  {name: 'save', usage: '/save <file.md|file.json>', help: 'write the conversation to a file', run: (session, rest) => {
    const [file] = splitArgs(rest);
    if (!file) throw new UsageError('/save needs a file name ending in .md or .json');
    const path = saveTranscript(file, session.conversation.messages(), session.settings());
    session.notice(`saved to ${path}`);
  }},
  {name: 'usage', usage: '/usage', help: 'tokens and cost so far', run: (session) => {
    const {turns, promptTokens, completionTokens, cost} = session.getSnapshot().totals;
    session.notice(`session: ${turns} answer${turns === 1 ? "" : "s"} · ${promptTokens} tokens in · ${completionTokens} out · ${formatCost(cost)}`);
  }},
  {name: 'thinking', usage: '/thinking', help: "show or hide the model's reasoning", run: (session) => {
    const show = !session.getSnapshot().showThinking;
    session.session.set('showThinking', show);
    session.record({type: 'setting', name: 'showThinking', value: show});
    session.update({showThinking: show});
    session.notice(show ? 'thinking shown' : 'thinking hidden');
  }},
  {name: 'edit', usage: '/edit', help: 'edit the input in $VISUAL / $EDITOR (also Ctrl+G)', run: () => {
    throw new UsageError('/edit works in the terminal UI only');
  }},
  {name: 'sessions', usage: '/sessions', help: 'list stored conversations, newest first', run: (session) => {
    const storage = session.storage;
    if (!storage) throw new UsageError('/sessions: no session storage in this chat');
    const sessions = listSessions(storage.dataDir);
    session.notice(sessions.length === 0 ? 'no stored sessions yet' : sessions.slice(0, 20).map(sessionLine).join('\n'));
  }},
  {name: 'resume', usage: '/resume <name|id>', help: 'continue a stored conversation here', run: (session, rest) => {
    const storage = session.storage;
    const [key] = splitArgs(rest);
    if (!storage || !key) throw new UsageError('/resume needs a session name or id (see /sessions)');
    resumeSession(session, requireSession(storage.dataDir, key), storage);
  }},
  {name: 'exit', usage: '/exit', help: 'leave (also Ctrl-D)', run: (session) => session.update({exitRequested: true})},
];

function helpText(): string {
  const width = Math.max(...CHAT_COMMANDS.map((command) => command.usage.length));
  const lines = CHAT_COMMANDS.map((command) => `${command.usage.padEnd(width)}  ${command.help}`);
  lines.push('', 'keys: Enter sends · Alt+Enter, Ctrl+J or \\ at line end: newline · Up/Down: history · Tab: complete',
    'Ctrl-C or Esc: cancel the answer · Ctrl-C on an empty prompt twice, or Ctrl-D: exit · Ctrl+G: editor');
  return lines.join('\n');
}

/** Runs one `/command` line; unknown commands are an error notice, the session goes on. */
export async function runChatCommand(session: ChatSession, line: string): Promise<void> {
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(line);
  const name = match?.[1]?.toLowerCase() ?? '';
  const command = CHAT_COMMANDS.find((candidate) => candidate.name === name);
  if (!command) throw new UsageError(`unknown command /${name}; /help lists them`);
  await command.run(session, match?.[2] ?? '');
}

/** What Tab completes: the commands, then setting names after /set and /unset. */
export function chatCompletions(): string[] {
  const settingNames = SETTINGS.filter((def) => !def.flagOnly).map((def) => def.name);
  return [
    ...CHAT_COMMANDS.map((command) => `/${command.name}`),
    ...settingNames.map((name) => `/set ${name}`),
    ...settingNames.map((name) => `/unset ${name}`),
  ];
}
