import {isatty} from 'node:tty';
import type {ChatMessage} from '../api/types.js';
import {resolveSettings, type RoleLayer} from '../config/resolve-settings.js';
import {UsageError} from '../errors.js';
import {loadRole} from '../roles/load-role.js';
import type {ResolvedSettings} from '../settings/resolved-settings.js';
import type {SettingValue} from '../settings/setting-types.js';
import {CMD_DEFAULTS} from '../shell/cmd-defaults.js';
import {factsPrompt, shellFacts, type ShellFacts} from '../shell/shell-facts.js';
import type {CliContext} from './cli-context.js';
import {askForCommand} from './cmd-model.js';
import {requireApiKey} from './require-api-key.js';
import {readSettingFlags} from './setting-flags.js';

/** What the interactive menu needs to ask again, describe and run. */
export interface CmdRun {
  task: string;
  facts: ShellFacts;
  apiKey: string;
  context: CliContext;
  /** The settings for the `shell` role's requests and for the `explain` role's (`d`). */
  settings: ResolvedSettings;
  explainSettings: () => Promise<ResolvedSettings>;
}

/**
 * `gemma cmd TASK`: one shell command. Interactive only when stdin and stdout are both
 * terminals (a key has to be read and the command shown); anything else, `$(gemma cmd ...)`,
 * `| pbcopy`, the shell widget, gets the command and a newline on stdout and nothing runs.
 * stdin is never read as material: in a script's loop it is the loop's input.
 */
export async function runCmd(words: string[], opts: Record<string, unknown>, context: CliContext): Promise<void> {
  const flags = await readSettingFlags(opts);
  const task = words.join(' ').trim();
  if (task === '') throw new UsageError('the task is empty; allowed: words saying what the command should do, e.g. gemma cmd "list the largest files"');
  const interactive = isatty(0) && isatty(1);
  const facts = shellFacts(context.env);
  const store = context.store();
  const settingsFor = async (name: string, extra?: string): Promise<ResolvedSettings> => {
    const role = withPrompt(await loadRole(name, {env: context.env, origin: 'flag', piped: !interactive}), extra);
    return oneResult(resolveSettings({flags, role, env: context.env, stored: store.all(), storedPath: store.path, defaults: CMD_DEFAULTS}), flags);
  };
  const settings = await settingsFor('shell', factsPrompt(facts));
  const apiKey = requireApiKey(context);
  const messages: ChatMessage[] = [{role: 'user', content: task}];
  const command = await askForCommand(settings, messages, apiKey, context.env);
  if (!interactive) {
    process.stdout.write(`${command}\n`);
    return;
  }
  const {commandMenu} = await import('./cmd-menu-loop.js');
  process.exitCode = await commandMenu(command, messages, {task, facts, apiKey, context, settings, explainSettings: () => settingsFor('explain')});
}

/** The role's system prompt with `extra` after it (the shell facts); `extra` alone when the role has none. */
function withPrompt(role: RoleLayer, extra: string | undefined): RoleLayer {
  if (extra === undefined) return role;
  const values = new Map(role.values);
  const prompt = values.get('systemPrompt');
  values.set('systemPrompt', typeof prompt === 'string' ? `${prompt}\n\n${extra}` : extra);
  return {...role, values};
}

/**
 * One command is shown and run: several results, or a JSON document, have no place here. Asked
 * for with a flag, they are refused; a `numberResults` from the environment or the config is
 * there for `ask` (as the config's `role` is) and does not apply: gemma cmd asks for one.
 */
function oneResult(settings: ResolvedSettings, flags: ReadonlyMap<string, SettingValue>): ResolvedSettings {
  const results = settings.number('numberResults') ?? 1;
  if (settings.boolean('json')) throw new UsageError('gemma cmd prints the command as text; --json is not allowed here; allowed: --no-json');
  if (results <= 1) return settings;
  if (flags.has('numberResults')) throw new UsageError(`gemma cmd gives one command; --number-results ${results} is not allowed here; allowed: 1`);
  return settings.with('numberResults', {value: 1, source: 'default'});
}
