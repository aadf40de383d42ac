import {UsageError} from '../errors.js';
import {findSetting} from '../settings/find-setting.js';
import {parseSettingValues} from '../settings/parse-setting-value.js';
import type {SettingDef} from '../settings/setting-types.js';
import {showValue, sourceInWords} from '../settings/show-setting.js';
import type {ChatCommand} from './chat-command.js';
import type {ChatSession} from './chat-session.js';
import {settingsReport} from './settings-report.js';
import {firstArg, restOfLine, splitArgs} from './split-args.js';

/** `temperature = 0.5 (from --temperature)`: what a setting is now, and why. */
function showCurrent(chat: ChatSession, def: SettingDef): void {
  const entry = chat.settings().get(def.name);
  if (!entry) return chat.notice(`${def.name} is not set: the service's default applies (/set ${def.name} <value> sets it)`);
  chat.notice(`${def.name} = ${showValue(entry.value, {separator: ', '})} (${sourceInWords(def, entry)})`);
}

/**
 * /set and its shorthands: no value shows the current one; a text setting takes the rest of the
 * line as typed, other kinds split it like a shell (a list's items). The value is checked as its
 * flag is, and a bad one changes nothing.
 */
function setOrShow(chat: ChatSession, def: SettingDef, rest: string): void {
  if (rest.trim() === '') return showCurrent(chat, def);
  const raws = def.kind.type === 'text' ? [restOfLine(rest)] : splitArgs(rest);
  const value = parseSettingValues(def, raws, `${def.name} (--${def.flag})`);
  chat.setSetting(def.name, value);
  // As config set echoes it: a URL's password is not shown back.
  chat.notice(`${def.name} = ${showValue(value, {separator: ', '})}`);
}

export const SETTING_COMMANDS: readonly ChatCommand[] = [
  {name: 'set', usage: '/set <setting> [value...]', help: 'change a setting for the next requests (no value: show it)', run: (chat, rest) => {
    const {first: name, rest: value} = firstArg(rest);
    if (!name) throw new UsageError('/set needs a setting, e.g. /set temperature 0.7 (see /settings)');
    setOrShow(chat, findSetting(name, {configurable: true}), value);
  }},
  {name: 'unset', usage: '/unset <setting>', help: 'back to the config file or default', run: (chat, rest) => {
    const [name] = splitArgs(rest);
    if (!name) throw new UsageError('/unset needs a setting, e.g. /unset temperature');
    const def = findSetting(name, {configurable: true});
    chat.unsetSetting(def.name);
    const entry = chat.settings().get(def.name);
    chat.notice(`${def.name} unset${entry ? ` (now ${showValue(entry.value, {separator: ', '})}, ${sourceInWords(def, entry)})` : ''}`);
  }},
  {name: 'settings', usage: '/settings', help: 'effective values and where each came from', run: (chat) => chat.notice(settingsReport(chat.settings()))},
  {name: 'system', usage: '/system [text]', help: 'set the system prompt (no text: show it)', run: (chat, rest) => setOrShow(chat, findSetting('systemPrompt'), rest)},
  {name: 'model', usage: '/model [id]', help: 'change the model (no id: show it)', run: (chat, rest) => setOrShow(chat, findSetting('model'), rest)},
];
