/**
 * OSC 8 hyperlinks: `ESC ] 8 ; ; URL ESC \ text ESC ] 8 ; ; ESC \` makes `text` clickable in
 * terminals that know the sequence; others should ignore it, but some print it as garbage and
 * tmux drops or mangles it unless configured, so links are only made where the terminal is
 * known to support them. A small rule rather than the `supports-hyperlinks` package: that one
 * reads process.argv and its own idea of colour support, and would be a dependency for ten lines.
 */
interface HyperlinkTarget {
  isTTY?: boolean;
}

/**
 * Whether `stream` is a terminal that shows OSC 8 hyperlinks. Never when it is not a terminal,
 * when NO_COLOR is set or TERM is dumb (the output is then promised free of escape codes).
 * FORCE_HYPERLINK=1 (or any value but `0`/`false`) turns them on, `0` off. Under tmux or
 * screen (TMUX set, TERM_PROGRAM=tmux, TERM screen*) off unless forced: the sequence must be
 * enabled there. Otherwise on for terminals known to support them: iTerm2, WezTerm, VS Code,
 * Ghostty, Windows Terminal, kitty, foot, Alacritty, Konsole and VTE (GNOME) terminals.
 */
export function supportsHyperlinks(stream: HyperlinkTarget, env: Record<string, string | undefined>): boolean {
  if (stream.isTTY !== true || env.NO_COLOR || env.TERM === 'dumb') return false;
  const forced = env.FORCE_HYPERLINK;
  if (forced !== undefined && forced !== '') return forced !== '0' && forced.toLowerCase() !== 'false';
  const term = env.TERM ?? '';
  if (env.TMUX || env.STY || env.TERM_PROGRAM === 'tmux' || term.startsWith('screen') || term.startsWith('tmux')) return false;
  if (KNOWN_PROGRAMS.has(env.TERM_PROGRAM ?? '')) return true;
  if (env.WT_SESSION || env.KONSOLE_VERSION || env.KITTY_WINDOW_ID) return true;
  if (Number(env.VTE_VERSION ?? 0) >= 5000) return true;
  return KNOWN_TERMS.has(term);
}

const KNOWN_PROGRAMS = new Set(['iTerm.app', 'WezTerm', 'vscode', 'ghostty', 'Hyper']);
const KNOWN_TERMS = new Set(['xterm-kitty', 'xterm-ghostty', 'wezterm', 'foot', 'foot-extra', 'alacritty']);

/** Longest URL put in a hyperlink: terminals cap the sequence (VTE at 2083 bytes of URI). */
const MAX_URL = 2000;

/** Schemes worth a click; `file:` and the rest could open local things the model named. */
const SCHEMES = /^(https?|mailto):/i;

/**
 * `text` linked to `url`. The URL comes from the network, so it is made inert first: anything
 * but printable ASCII (controls, ESC and BEL that would end the sequence early, spaces that
 * would split it when wrapped, non-ASCII) is percent-encoded; other schemes, or a URL too long
 * for the terminal, get no link at all and `text` is returned as it is.
 */
export function osc8Hyperlink(url: string, text: string): string {
  const target = inertUrl(url);
  if (target === undefined || text === '') return text;
  return `\u001b]8;;${target}\u001b\\${text}\u001b]8;;\u001b\\`;
}

function inertUrl(url: string): string | undefined {
  if (!SCHEMES.test(url)) return undefined;
  let encoded = '';
  for (const char of url) {
    const code = char.codePointAt(0) ?? 0;
    // A lone surrogate has no UTF-8 form: leave it out.
    if (code >= 0x21 && code <= 0x7e) encoded += char;
    else if (code < 0xd800 || code > 0xdfff) encoded += encodeURIComponent(char);
  }
  return encoded.length <= MAX_URL ? encoded : undefined;
}
