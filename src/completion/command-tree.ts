import type {Argument, Command, Option} from 'commander';
import {ROLE_KEY} from '../roles/role-key.js';
import {SETTINGS} from '../settings/settings-table.js';
import {WIDGET_SHELLS} from '../shell/shell-widgets.js';
import type {DynamicKind} from './complete-words.js';

/** What a value (of a flag or an argument) completes to. */
export type ValueKind =
  /** Free text: nothing to offer. */
  | {type: 'text'}
  | {type: 'enum'; values: readonly string[]}
  | {type: 'path'}
  /** Names only gemma can list, asked for with `gemma __complete <kind>`. */
  | {type: 'dynamic'; kind: DynamicKind}
  /** A config key (`config set <key>`). */
  | {type: 'setting'}
  /** A value of the config key given before it (`config set thinkingLevel <value>`). */
  | {type: 'setting-value'};

export interface OptionNode {
  /** `-t`, `--temperature`: every name it answers to. */
  names: string[];
  description: string;
  /** What its value completes to; undefined for a flag that takes none. */
  value: ValueKind | undefined;
}

export interface ArgumentNode {
  name: string;
  description: string;
  variadic: boolean;
  value: ValueKind;
}

export interface CommandNode {
  name: string;
  /** From the program down, without the program's name: `['sessions', 'show']`. */
  path: string[];
  description: string;
  options: OptionNode[];
  arguments: ArgumentNode[];
  subcommands: CommandNode[];
}

export interface CompletionTree {
  program: string;
  root: CommandNode;
  /** Config keys, as `config set` takes them. */
  settingKeys: string[];
  /** What each config key's value completes to, by its name and by its flag's. */
  settingValues: Record<string, ValueKind>;
}

/** Flags whose value is a file, by name: the others are found in the settings table (media, file aliases). */
const PATH_FLAGS = new Set(['--file', '--output']);
const PATH_SHORTS = new Set(['-o']);
/** Flags whose value is a name gemma lists, whatever the command (`--session` on chat and ask alike). */
const DYNAMIC_FLAGS: Readonly<Record<string, DynamicKind>> = {'--role': 'roles', '--session': 'sessions'};

/** One line, no control characters: descriptions go into shell scripts and menus. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function settingKind(def: (typeof SETTINGS)[number]): ValueKind {
  switch (def.kind.type) {
    case 'enum':
      return {type: 'enum', values: def.kind.values};
    case 'boolean':
      return {type: 'enum', values: ['true', 'false']};
    case 'list':
      return def.media ? {type: 'path'} : {type: 'text'};
    case 'number':
    case 'integer':
    case 'big-integer':
    case 'text':
    case 'url':
      return {type: 'text'};
  }
}

/** What an option's value completes to: its choices, its setting's values, a path, a dynamic kind. */
function optionValue(option: Option): ValueKind | undefined {
  if (!option.required && !option.optional) return undefined;
  if (option.argChoices) return {type: 'enum', values: option.argChoices};
  const long = option.long ?? '';
  const dynamic = DYNAMIC_FLAGS[long];
  if (dynamic) return {type: 'dynamic', kind: dynamic};
  if (PATH_FLAGS.has(long) || (option.short !== undefined && PATH_SHORTS.has(option.short))) return {type: 'path'};
  if (SETTINGS.some((def) => def.alias?.type === 'file' && `--${def.alias.flag}` === long)) return {type: 'path'};
  const def = SETTINGS.find((row) => `--${row.flag}` === long);
  return def ? settingKind(def) : {type: 'text'};
}

/**
 * What a command's argument completes to: choices, else by its name where the name says it
 * (`<name|id>` is a session; a `roles` subcommand's `<name>` a role, except a new one's;
 * `config`'s `<key>` and the values after it; `shell-init`'s `<shell>`, which checks its own
 * value so that its error can show the eval line).
 */
function argumentValue(argument: Argument, path: readonly string[]): ValueKind {
  if (argument.argChoices) return {type: 'enum', values: argument.argChoices};
  const name = argument.name();
  if (name === 'name|id') return {type: 'dynamic', kind: 'sessions'};
  if (path[0] === 'roles' && name === 'name' && path[1] !== 'new') return {type: 'dynamic', kind: 'roles'};
  if (path[0] === 'config' && name === 'key') return {type: 'setting'};
  if (path[0] === 'config' && name === 'values') return {type: 'setting-value'};
  if (path[0] === 'shell-init' && name === 'shell') return {type: 'enum', values: WIDGET_SHELLS};
  return {type: 'text'};
}

function commandNode(command: Command, path: string[]): CommandNode {
  const help = command.createHelp();
  const subcommands = help.visibleCommands(command);
  const names = subcommands.map((sub) => sub.name());
  return {
    name: command.name(),
    path,
    description: oneLine(command.description()),
    options: help.visibleOptions(command).map((option) => ({
      names: [option.short, option.long].filter((name): name is string => name !== undefined),
      description: oneLine(option.description),
      value: optionValue(option),
    })),
    arguments: command.registeredArguments.map((argument) => ({
      name: argument.name(),
      description: oneLine(argument.description),
      variadic: argument.variadic,
      value: argumentValue(argument, path),
    })),
    subcommands: subcommands.map((sub) => {
      const node = commandNode(sub, [...path, sub.name()]);
      // Commander's own `help [command]`: the commands beside it.
      if (sub.name() === 'help' && node.arguments[0]) node.arguments[0].value = {type: 'enum', values: names.filter((name) => name !== 'help')};
      return node;
    }),
  };
}

/** The program's commands, subcommands, flags and arguments, as the completion scripts embed them. */
export function commandTree(program: Command): CompletionTree {
  const configurable = SETTINGS.filter((def) => !def.flagOnly);
  const settingValues: Record<string, ValueKind> = {[ROLE_KEY]: {type: 'dynamic', kind: 'roles'}};
  for (const def of configurable) {
    const kind = settingKind(def);
    if (kind.type === 'text') continue;
    settingValues[def.name] = kind;
    settingValues[def.flag] = kind;
  }
  return {program: program.name(), root: commandNode(program, []), settingKeys: [...configurable.map((def) => def.name), ROLE_KEY], settingValues};
}

/** Every command of the tree, the root first. */
export function allCommands(node: CommandNode): CommandNode[] {
  return [node, ...node.subcommands.flatMap(allCommands)];
}
