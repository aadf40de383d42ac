import {allCommands, type CommandNode, type CompletionTree, type ValueKind} from './command-tree.js';

/**
 * The tree as shell `case` tables, for bash and zsh alike (their `case` reads the same). Each
 * function answers in REPLY, so asking costs no subshell:
 *   __gemma_subs PATH             the subcommands ('' for gemma itself), space-separated
 *   __gemma_opts PATH             the flags
 *   __gemma_value_kind PATH FLAG  what the flag's value is ('' when it takes none)
 *   __gemma_arg_kind PATH N       what the Nth argument (from 0) is
 *   __gemma_setting_keys          the config keys
 *   __gemma_setting_kind KEY      what a config key's value is
 * A kind is `text`, `enum V1 V2`, `path`, `dynamic roles|sessions`, `setting` or `setting-value`.
 */
export function shellTables(tree: CompletionTree): string {
  const commands = allCommands(tree.root);
  return [
    caseFunction('__gemma_subs', '"$1"', commands.filter((node) => node.subcommands.length > 0).map((node) => [[key(node)], words(node.subcommands.map((sub) => sub.name))])),
    caseFunction('__gemma_opts', '"$1"', commands.map((node) => [[key(node)], words(node.options.flatMap((option) => option.names))])),
    caseFunction('__gemma_value_kind', '"$1|$2"', grouped(commands.flatMap((node) => node.options.flatMap((option) =>
      option.value ? option.names.map((name) => [`${key(node)}|${name}`, kindWord(option.value as ValueKind)] as const) : [])))),
    argKindFunction(commands),
    `__gemma_setting_keys() {\n  REPLY=${quote(words(tree.settingKeys))}\n}`,
    caseFunction('__gemma_setting_kind', '"$1"', grouped(Object.entries(tree.settingValues).map(([name, kind]) => [name, kindWord(kind)] as const))),
  ].join('\n\n');
}

/** A kind in the tables' words. */
export function kindWord(kind: ValueKind): string {
  switch (kind.type) {
    case 'text':
    case 'path':
    case 'setting':
    case 'setting-value':
      return kind.type;
    case 'enum':
      return words(['enum', ...kind.values]);
    case 'dynamic':
      return `dynamic ${kind.kind}`;
  }
}

/** Single-quoted for bash and zsh: nothing inside is expanded. */
export function quote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** The key a command is found by in the tables: its path, space-separated. */
function key(node: CommandNode): string {
  return node.path.join(' ');
}

function words(list: readonly string[]): string {
  return list.join(' ');
}

/** Patterns of the same answer in one case arm. */
function grouped(entries: readonly (readonly [string, string])[]): [string[], string][] {
  const byAnswer = new Map<string, string[]>();
  for (const [pattern, answer] of entries) byAnswer.set(answer, [...(byAnswer.get(answer) ?? []), pattern]);
  return [...byAnswer].map(([answer, patterns]) => [patterns, answer]);
}

function caseFunction(name: string, subject: string, arms: readonly (readonly [string[], string])[]): string {
  const lines = arms.map(([patterns, answer]) => `    ${patterns.map(quote).join('|')}) REPLY=${quote(answer)} ;;`);
  return [`${name}() {`, `  case ${subject} in`, ...lines, "    *) REPLY='' ;;", '  esac', '}'].join('\n');
}

/** The Nth argument's kind: a variadic last argument answers for every N from its own on. */
function argKindFunction(commands: readonly CommandNode[]): string {
  const arms = commands.filter((node) => node.arguments.length > 0).map((node) => {
    const inner = node.arguments.map((argument, index) =>
      `${argument.variadic && index === node.arguments.length - 1 ? '*' : String(index)}) REPLY=${quote(kindWord(argument.value))} ;;`);
    if (!node.arguments.at(-1)?.variadic) inner.push("*) REPLY='' ;;");
    return `    ${quote(key(node))}) case $2 in ${inner.join(' ')} esac ;;`;
  });
  return ['__gemma_arg_kind() {', '  case "$1" in', ...arms, "    *) REPLY='' ;;", '  esac', '}'].join('\n');
}
