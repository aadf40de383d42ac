/**
 * The Alt-G widgets `gemma shell-init` prints. Each one runs `gemma cmd` on the line being typed,
 * with stdout captured (so gemma prints only the command and runs nothing) and stderr left on
 * the terminal (its status line and errors); the line is replaced and the cursor put at its end,
 * ready to be edited or run with Enter. An empty line does nothing; a failure (no key, no answer)
 * leaves the line as it was. `--` keeps a line that starts with `-` from being read as flags.
 */
export const SHELL_WIDGETS = {
  bash: `# gemma: Alt-G turns the command line into a command (gemma cmd). Add to ~/.bashrc:
#   eval "$(gemma shell-init bash)"
__gemma_cmd_widget() {
  [[ -n "\${READLINE_LINE//[[:space:]]/}" ]] || return 0
  local __gemma_out
  __gemma_out=$(gemma cmd -- "$READLINE_LINE") || return 0
  [[ -n "$__gemma_out" ]] || return 0
  READLINE_LINE=$__gemma_out
  READLINE_POINT=\${#READLINE_LINE}
}
bind -m emacs -x '"\\eg": __gemma_cmd_widget'
bind -m vi-insert -x '"\\eg": __gemma_cmd_widget'
`,
  zsh: `# gemma: Alt-G turns the command line into a command (gemma cmd). Add to ~/.zshrc:
#   eval "$(gemma shell-init zsh)"
__gemma_cmd_widget() {
  emulate -L zsh
  [[ -n "\${BUFFER//[[:space:]]/}" ]] || return 0
  # Below the prompt, so the status line and any error do not overwrite the line being edited.
  zle -I
  local out
  out=$(gemma cmd -- "$BUFFER") && [[ -n "$out" ]] && { BUFFER=$out; CURSOR=\${#BUFFER} }
  zle reset-prompt
  return 0
}
zle -N __gemma_cmd_widget
# Both keymaps, not only the current one: a later "bindkey -v" in ~/.zshrc switches to viins.
bindkey -M emacs '\\eg' __gemma_cmd_widget
bindkey -M viins '\\eg' __gemma_cmd_widget
`,
  fish: `# gemma: Alt-G turns the command line into a command (gemma cmd). Add to ~/.config/fish/config.fish:
#   gemma shell-init fish | source
function __gemma_cmd_widget
    set -l line (commandline)
    if not string length -q -- (string trim -- "$line")
        return 0
    end
    # Queued now, run when the binding returns: Ctrl-C while gemma works cancels the rest of this
    # function, and without it the prompt was not redrawn (what was typed next joined the old line unseen).
    commandline -f repaint
    # string collect: a command of several lines (a here-document) stays one string, newlines kept.
    set -l out (gemma cmd -- "$line" | string collect)
    and test -n "$out"
    and commandline -r -- "$out"
    and commandline -f end-of-line
end
bind \\eg __gemma_cmd_widget
bind -M insert \\eg __gemma_cmd_widget
`,
} as const;

export type WidgetShell = keyof typeof SHELL_WIDGETS;

export const WIDGET_SHELLS = Object.keys(SHELL_WIDGETS) as WidgetShell[];

export const isWidgetShell = (name: string): name is WidgetShell => Object.hasOwn(SHELL_WIDGETS, name);
