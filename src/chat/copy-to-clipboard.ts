/**
 * Copies through the terminal with OSC 52, which works over SSH. tmux takes the sequence itself
 * (into a paste buffer, and on to the outer terminal) when `set-clipboard` is on, so it is sent
 * plain there too. Returns how it was copied, for the notice.
 */
export function copyToClipboard(text: string, output: NodeJS.WritableStream = process.stdout, env: NodeJS.ProcessEnv = process.env): string {
  output.write(`\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`);
  return env.TMUX ? 'with OSC 52 (inside tmux this needs `set -g set-clipboard on`)' : 'with OSC 52';
}
