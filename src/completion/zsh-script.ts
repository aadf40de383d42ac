import {allCommands, type CommandNode, type CompletionTree} from './command-tree.js';
import {quote, shellTables} from './shell-tables.js';

/** `name:description` as _describe reads it (a colon in the name escaped). */
function spec(name: string, description: string): string {
  return `${name.replaceAll(':', '\\:')}:${description}`;
}

/** The flags and subcommands of each command with their descriptions, in `reply`. */
function describedTable(name: string, commands: readonly CommandNode[], items: (node: CommandNode) => string[]): string {
  const arms = commands.map((node) => [node, items(node)] as const).filter(([, list]) => list.length > 0)
    .map(([node, list]) => `    ${quote(node.path.join(' '))}) reply=(${list.map(quote).join(' ')}) ;;`);
  return [`${name}() {`, '  case "$1" in', ...arms, '    *) reply=() ;;', '  esac', '}'].join('\n');
}

/**
 * The walk is bash's (src/completion/bash-script.ts) over zsh's `words`; answers go through
 * compadd, _describe and _files. Written `$\{` for `${` (a template literal would read it).
 */
const BODY = String.raw`
__gemma_complete_kind() {
  local REPLY
  local -a values run
  case $1 in
    enum\ *) values=($\{=$\{1#enum }}); compadd -a values ;;
    path) _files ;;
    dynamic\ *)
      run=("$\{words[1]}")
      # An alias (alias gemma="node .../bin/gemma.js") is run as what it stands for.
      if (( $+aliases[$run[1]] )); then run=($\{(z)aliases[$run[1]]})
      elif ! (( $+commands[$run[1]] )) && [[ ! -x $run[1] ]]; then run=(gemma); fi
      values=($\{(f)"$("$\{run[@]}" __complete $\{1#dynamic } 2>/dev/null)"})
      compadd -a values
      ;;
    setting) __gemma_setting_keys; values=($\{=REPLY}); compadd -a values ;;
    setting-value) __gemma_setting_kind "$2"; [[ -n $REPLY && $REPLY != setting-value ]] && __gemma_complete_kind "$REPLY" "" ;;
  esac
}

_gemma() {
  local cur=$\{words[CURRENT]} cpath='' word REPLY value_kind='' i opts_done=0
  local -a positionals reply
  for ((i = 2; i < CURRENT; i++)); do
    word=$\{words[i]}
    if ((!opts_done)) && [[ $word == -- ]]; then opts_done=1; continue; fi
    if ((!opts_done)) && [[ $word == -?* ]]; then
      [[ $word == --*=* ]] && continue
      __gemma_value_kind "$cpath" "$word"
      [[ -n $REPLY ]] || continue
      if ((i + 1 >= CURRENT)); then value_kind=$REPLY; break; fi
      ((i++))
      continue
    fi
    if (($\{#positionals} == 0)); then
      __gemma_subs "$cpath"
      if [[ " $REPLY " == *" $word "* ]]; then cpath=$\{cpath:+$cpath }$word; continue; fi
    fi
    positionals+=("$word")
  done
  if [[ -z $value_kind ]] && ((!opts_done)) && [[ $cur == --*=* ]]; then
    __gemma_value_kind "$cpath" "$\{cur%%=*}"
    [[ -n $REPLY ]] || return 1
    value_kind=$REPLY
    compset -P '*='
  fi
  if [[ -n $value_kind ]]; then __gemma_complete_kind "$value_kind" ""; return; fi
  if ((!opts_done)) && [[ $cur == -* ]]; then
    __gemma_described_opts "$cpath"
    _describe -t options option reply
    return
  fi
  if (($\{#positionals} == 0)); then
    __gemma_described_subs "$cpath"
    if (($\{#reply})); then _describe -t commands command reply; return; fi
  fi
  __gemma_arg_kind "$cpath" "$\{#positionals}"
  __gemma_complete_kind "$REPLY" "$\{positionals[1]}"
}
`.replaceAll('$\\{', '${');

/**
 * `gemma completion zsh`: for `eval "$(gemma completion zsh)"` after compinit, or saved as `_gemma`
 * in a folder of $fpath (the #compdef line; autoloaded, it completes at once).
 */
export function zshScript(tree: CompletionTree): string {
  const commands = allCommands(tree.root);
  return [
    `#compdef ${tree.program}`,
    `# ${tree.program} completion for zsh. Install: add to ~/.zshrc, after compinit, the line`,
    `#   eval "$(${tree.program} completion zsh)"`,
    shellTables(tree),
    describedTable('__gemma_described_subs', commands, (node) => node.subcommands.map((sub) => spec(sub.name, sub.description))),
    describedTable('__gemma_described_opts', commands, (node) => node.options.flatMap((option) => option.names.map((name) => spec(name, option.description)))),
    BODY.trim(),
    // Autoloaded from $fpath the file is _gemma's body: complete now. Evaluated: register.
    'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then',
    '  _gemma "$@"',
    'else',
    `  compdef _gemma ${tree.program}`,
    'fi',
    '',
  ].join('\n');
}
