import {allCommands, type CommandNode, type CompletionTree, type ValueKind} from './command-tree.js';
import {kindWord} from './shell-tables.js';

/** Single-quoted for fish: only \\ and \' are special inside. */
function quote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function key(node: CommandNode): string {
  return node.path.join(' ');
}

/** What `complete` is told about a value: its candidates, or files. */
function valueFlags(kind: ValueKind): string {
  switch (kind.type) {
    case 'text':
      return '-x';
    case 'path':
      return '-r -F';
    case 'enum':
      return `-x -a ${quote(kind.values.join(' '))}`;
    case 'dynamic':
      return `-x -a ${quote(`(__gemma_names ${kind.kind})`)}`;
    case 'setting':
      return `-x -a ${quote('(__gemma_setting_keys)')}`;
    case 'setting-value':
      return `-x -a ${quote('(__gemma_setting_values)')}`;
  }
}

/** Which flags take a value and what it is, for the walk (`--role <value>` is not a command). */
function valueKindFunction(commands: readonly CommandNode[]): string {
  const arms = commands.flatMap((node) => node.options.flatMap((option) =>
    option.value ? [`        case ${option.names.map((name) => quote(`${key(node)}|${name}`)).join(' ')}\n            echo ${quote(kindWord(option.value))}`] : []));
  return ['function __gemma_value_kind', '    switch "$argv[1]|$argv[2]"', ...arms, '    end', 'end'].join('\n');
}

function subsFunction(commands: readonly CommandNode[]): string {
  const arms = commands.filter((node) => node.subcommands.length > 0)
    .map((node) => `        case ${quote(key(node))}\n            printf '%s\\n' ${node.subcommands.map((sub) => quote(sub.name)).join(' ')}`);
  return ['function __gemma_subs', '    switch "$argv[1]"', ...arms, '    end', 'end'].join('\n');
}

function settingFunctions(tree: CompletionTree): string {
  const arms = Object.entries(tree.settingValues).map(([name, kind]) =>
    `        case ${quote(name)}\n            ${kind.type === 'enum' ? `printf '%s\\n' ${kind.values.map(quote).join(' ')}` : kind.type === 'dynamic' ? `__gemma_names ${kind.kind}` : 'return'}`);
  return [
    `function __gemma_setting_keys\n    printf '%s\\n' ${tree.settingKeys.map(quote).join(' ')}\nend`,
    ['function __gemma_setting_values', '    switch (__gemma_walk)[4]', ...arms, '    end', 'end'].join('\n'),
  ].join('\n\n');
}

/**
 * The words before the cursor, walked as the bash script does: prints the command's path, how
 * many arguments were given, 1 when `--` ended the flags, and the first argument.
 */
const WALK = String.raw`
function __gemma_walk
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l cpath ''
    set -l positionals
    set -l skip 0
    set -l done 0
    for token in $tokens
        if test $skip = 1
            set skip 0
            continue
        end
        if test $done = 0; and test "$token" = '--'
            set done 1
            continue
        end
        if test $done = 0; and string match -q -- '-?*' "$token"
            if not string match -q -- '--*=*' "$token"; and test -n "$(__gemma_value_kind "$cpath" "$token")"
                set skip 1
            end
            continue
        end
        if test (count $positionals) = 0; and contains -- "$token" (__gemma_subs "$cpath")
            set cpath (string trim -- "$cpath $token")
            continue
        end
        set -a positionals "$token"
    end
    printf '%s\n' "$cpath" (count $positionals) $done "$positionals[1]"
end

# __gemma_at PATH [N | N+]: the command is PATH (and N arguments, or N or more, were given).
function __gemma_at
    set -l state (__gemma_walk)
    test "$state[1]" = "$argv[1]"; or return 1
    set -q argv[2]; or return 0
    if string match -q -- '*+' $argv[2]
        test $state[2] -ge (string trim -c + -- $argv[2])
    else
        test $state[2] = $argv[2]
    end
end

# __gemma_flag_at PATH: the command is PATH and -- has not ended the flags.
function __gemma_flag_at
    set -l state (__gemma_walk)
    test "$state[1]" = "$argv[1]"; and test "$state[3]" = 0
end

# The word typed, run as typed: a function (fish's aliases) or a path works as gemma itself does.
function __gemma_names
    set -l cmd (commandline -opc)[1]
    test -x "$cmd"; or functions -q -- "$cmd"; or command -q -- "$cmd"; or set cmd gemma
    $cmd __complete $argv[1] 2>/dev/null
end
`.replaceAll('$\\{', '${');

function completeLines(tree: CompletionTree): string[] {
  const c = `complete -c ${tree.program}`;
  const lines = [`${c} -f`];
  for (const node of allCommands(tree.root)) {
    const at = quote(key(node));
    for (const sub of node.subcommands) lines.push(`${c} -n ${quote(`__gemma_at ${at} 0`)} -a ${quote(sub.name)} -d ${quote(sub.description)}`);
    for (const option of node.options) {
      const names = option.names.map((name) => (name.startsWith('--') ? `-l ${quote(name.slice(2))}` : `-s ${quote(name.slice(1))}`)).join(' ');
      lines.push(`${c} -n ${quote(`__gemma_flag_at ${at}`)} ${names}${option.value ? ` ${valueFlags(option.value)}` : ''} -d ${quote(option.description)}`);
    }
    node.arguments.forEach((argument, index) => {
      if (argument.value.type === 'text') return;
      const position = argument.variadic ? `${index}+` : String(index);
      lines.push(`${c} -n ${quote(`__gemma_at ${at} ${position}`)} ${valueFlags(argument.value).replace(/^-x |^-r /, '')} -d ${quote(argument.description || argument.name)}`);
    });
  }
  return lines;
}

/** `gemma completion fish`: save as ~/.config/fish/completions/gemma.fish. */
export function fishScript(tree: CompletionTree): string {
  const commands = allCommands(tree.root);
  return [
    `# ${tree.program} completion for fish. Install:`,
    `#   ${tree.program} completion fish > ~/.config/fish/completions/${tree.program}.fish`,
    valueKindFunction(commands),
    subsFunction(commands),
    settingFunctions(tree),
    WALK.trim(),
    ...completeLines(tree),
    '',
  ].join('\n');
}
