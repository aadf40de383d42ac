/** The texts the paste benches paste, each ending in a marker the frame is watched for. */

/** Lines of code-like text, the kind people paste, the last one ending in ` PASTE-END`. */
export function pastedLines(count: number): string {
  const lines = Array.from({length: count}, (_, i) => `${String(i + 1).padStart(4, '0')}  const value${i} = compute(${i}, "some text", options); // note`);
  lines[count - 1] += ' PASTE-END';
  return lines.join('\n');
}

/** One long line of words (wrapped by the prompt), ending in `LONG-END`. */
export function longLine(bytes: number): string {
  let text = '';
  for (let i = 0; text.length < bytes - 10; i++) text += `word${i} `;
  return `${text}LONG-END`;
}
