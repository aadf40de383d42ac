import type {CompletionTree} from './command-tree.js';
import {shellTables} from './shell-tables.js';

/**
 * The walk over the words before the cursor: which command they name (`sessions show`), which
 * arguments were given, whether `--` ended the flags, and whether the cursor is on a flag's value
 * (`--role <TAB>`, `--render=<TAB>`: bash splits at `=`, COMP_WORDBREAKS).
 * Written `$\{` for `${` (a template literal would read it), put back as it is returned.
 */
const BODY = String.raw`
__gemma_words() {
  local word IFS=$' \t\n'
  for word in $1; do [[ $word == "$2"* ]] && COMPREPLY+=("$3$word"); done
}

# Names from gemma itself, escaped as the shell reads them (a name with a space: my\ notes,
# or "my notes" when the word was begun with a quote).
__gemma_dynamic() {
  local cur=$2 quote='' name
  local -a run=("$\{COMP_WORDS[0]}")
  # The word typed may be an alias (alias gemma="node .../bin/gemma.js"), run here as what it stands for.
  case $(type -t -- "$run") in
    file) ;;
    alias) read -ra run <<<"$\{BASH_ALIASES[$run]}" ;;
    *) run=(gemma) ;;
  esac
  case $cur in \"* | \'*) quote=$\{cur:0:1} cur=$\{cur:1} ;; esac
  while IFS= read -r name; do
    [[ -n $name ]] || continue
    if [[ -n $quote ]]; then
      [[ $name == "$cur"* ]] && COMPREPLY+=("$quote$name$quote")
    else
      printf -v name '%q' "$name"
      [[ $name == "$cur"* ]] && COMPREPLY+=("$name")
    fi
  done < <("$\{run[@]}" __complete "$1" 2>/dev/null)
}

# $1 the kind, $2 the word so far, $3 what goes before each answer (--flag=), $4 the config key given.
__gemma_complete_kind() {
  local line
  case $1 in
    enum\ *) __gemma_words "$\{1#enum }" "$2" "$3" ;;
    path)
      compopt -o filenames 2>/dev/null
      while IFS= read -r line; do COMPREPLY+=("$3$line"); done < <(compgen -f -- "$2")
      ;;
    dynamic\ *) __gemma_dynamic "$\{1#dynamic }" "$2" ;;
    setting) __gemma_setting_keys; __gemma_words "$REPLY" "$2" "$3" ;;
    setting-value)
      __gemma_setting_kind "$4"
      [[ -n $REPLY && $REPLY != setting-value ]] && __gemma_complete_kind "$REPLY" "$2" "$3" ""
      ;;
  esac
}

# Runs in the user's shell, with its options: every expansion must hold under set -u too.
_gemma() {
  local cur=$\{COMP_WORDS[COMP_CWORD]} cpath='' word next i REPLY value_kind='' opts_done=0
  local -a positionals=()
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=$\{COMP_WORDS[i]}
    if ((!opts_done)) && [[ $word == -- ]]; then opts_done=1; continue; fi
    if ((!opts_done)) && [[ $word == -?* ]]; then
      [[ $word == --*=* ]] && continue
      __gemma_value_kind "$cpath" "$word"
      [[ -n $REPLY ]] || continue
      next=$((i + 1))
      [[ $\{COMP_WORDS[next]} == = ]] && next=$((next + 1))
      if ((next >= COMP_CWORD)); then value_kind=$REPLY; break; fi
      i=$next
      continue
    fi
    if (($\{#positionals[@]} == 0)); then
      __gemma_subs "$cpath"
      if [[ " $REPLY " == *" $word "* ]]; then cpath=$\{cpath:+$cpath }$word; continue; fi
    fi
    positionals+=("$word")
  done
  if [[ -n $value_kind ]]; then
    [[ $cur == = ]] && cur=''
    __gemma_complete_kind "$value_kind" "$cur" "" ""
    return 0
  fi
  # --flag=value as one word (an '=' taken out of COMP_WORDBREAKS).
  if ((!opts_done)) && [[ $cur == --*=* ]]; then
    __gemma_value_kind "$cpath" "$\{cur%%=*}"
    [[ -n $REPLY ]] && __gemma_complete_kind "$REPLY" "$\{cur#*=}" "$\{cur%%=*}=" ""
    return 0
  fi
  if ((!opts_done)) && [[ $cur == -* ]]; then
    __gemma_opts "$cpath"
    __gemma_words "$REPLY" "$cur" ""
    return 0
  fi
  if (($\{#positionals[@]} == 0)); then
    __gemma_subs "$cpath"
    if [[ -n $REPLY ]]; then __gemma_words "$REPLY" "$cur" ""; return 0; fi
  fi
  __gemma_arg_kind "$cpath" "$\{#positionals[@]}"
  __gemma_complete_kind "$REPLY" "$cur" "" "$\{positionals[0]-}"
}
`.replaceAll('$\\{', '${');

/** `gemma completion bash`: the tree as tables, the walk, and `complete -F`. Static: no gemma run per TAB but for roles and sessions. */
export function bashScript(tree: CompletionTree): string {
  return [
    `# ${tree.program} completion for bash. Install: add to ~/.bashrc the line`,
    `#   eval "$(${tree.program} completion bash)"`,
    shellTables(tree),
    BODY.trim(),
    `complete -F _gemma ${tree.program}`,
    '',
  ].join('\n');
}
