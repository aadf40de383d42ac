/**
 * Copies through the terminal with OSC 52, which works over SSH and inside tmux (wrapped in a
 * DCS passthrough there). Returns how it was copied, for the notice.
 */
export function copyToClipboard(text: string, output: NodeJS.WritableStream = process.stdout, env: NodeJS.ProcessEnv = process.env): string {
  const osc = `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
  output.write(env.TMUX ? `\u001bPtmux;\u001b${osc}\u001b\\` : osc);
  return env.TMUX ? 'with OSC 52 (through tmux: needs `set -g set-clipboard on`)' : 'with OSC 52';
}
