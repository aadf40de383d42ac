const FENCE = /^\s{0,3}(```|~~~)/;

/**
 * The last `keep` lines of streaming markdown, reopening the code fence they sit in, if any.
 * Rendering (and highlighting) only what can be seen keeps a frame's cost bounded by the screen
 * size even while a code block thousands of lines long streams in. Finding the open fence is a
 * cheap scan; the render it saves is not.
 */
export function trimTailSource(source: string, keep: number): string {
  const lines = source.split('\n');
  if (lines.length <= keep) return source;
  const cut = lines.length - keep;
  let openFence: string | undefined;
  for (let index = 0; index < cut; index++) {
    const line = lines[index] ?? '';
    if (FENCE.test(line)) openFence = openFence === undefined ? line : undefined;
  }
  const rest = lines.slice(cut);
  // Reopened, the kept lines still render as code rather than as prose.
  if (openFence !== undefined) rest.unshift(openFence);
  return rest.join('\n');
}
