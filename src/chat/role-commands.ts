import type {RoleLayer} from '../config/resolve-settings.js';
import {allRoleNames} from '../roles/role-files.js';
import type {ChatCommand} from './chat-command.js';
import type {ChatSession} from './chat-session.js';
import {restOfLine} from './split-args.js';

/** The settings a role sets, by name; those a /set value or a flag outranks are said so. */
function whatItSets(chat: ChatSession, role: RoleLayer): string {
  const settings = chat.settings();
  const names = [...role.values.keys()];
  if (names.length === 0) return 'it sets nothing';
  const outranked = names.filter((name) => settings.get(name)?.source !== 'role');
  return `it sets ${names.join(', ')}${outranked.length > 0 ? ` (${outranked.join(', ')}: your /set or flag still wins)` : ''}`;
}

export const ROLE_COMMANDS: readonly ChatCommand[] = [
  {name: 'role', usage: '/role [name]', help: 'switch to a role, keeping the conversation (no name: show the current one)', run: async (chat, rest) => {
    const name = restOfLine(rest);
    if (!name) {
      const role = chat.role();
      return chat.notice(role ? `role ${role.name}: ${role.about}; ${whatItSets(chat, role)}` : 'no role: /role NAME picks one (gemma roles list shows them)');
    }
    const role = await chat.switchRole(name);
    const kept = chat.messages().length;
    chat.notice(`role ${role.name} (${role.about}): ${whatItSets(chat, role)}; the conversation so far is kept${kept > 0 ? ` (${kept} messages, sent with the next request)` : ''}`);
  }},
];

/** What Tab completes after `/role`: the built-in roles and the user's own (read on each Tab, so a role made meanwhile is there). */
export function roleCompletions(env: Record<string, string | undefined>): string[] {
  return allRoleNames(env).map((name) => `/role ${name}`);
}
