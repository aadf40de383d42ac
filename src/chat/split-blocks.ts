/**
 * Splits streaming markdown into blocks that are complete (they end at a blank line outside a
 * code fence) and the tail still growing. Completed blocks can be printed once and never
 * redrawn. Pass the previous `tailStart` as `from`: a block boundary is always outside a fence,
 * so rescanning from there is correct, and each token costs work proportional to the tail, not
 * to the whole answer.
 */
export interface BlockSplit {
  /** Completed blocks, each without its trailing blank lines. */
  blocks: string[];
  /** Offset in `text` where the uncompleted tail starts. */
  tailStart: number;
}

const FENCE = /^\s{0,3}(```|~~~)/;

export function splitCompletedBlocks(text: string, from = 0): BlockSplit {
  const blocks: string[] = [];
  let blockStart = from;
  let lineStart = from;
  let inFence = false;
  for (let newline = text.indexOf('\n', lineStart); newline !== -1; newline = text.indexOf('\n', lineStart)) {
    const line = text.slice(lineStart, newline);
    if (FENCE.test(line)) {
      inFence = !inFence;
    } else if (!inFence && line.trim() === '') {
      const block = text.slice(blockStart, lineStart);
      if (block.trim() !== '') blocks.push(block.replace(/\n+$/, ''));
      blockStart = newline + 1;
    }
    lineStart = newline + 1;
  }
  return {blocks, tailStart: blockStart};
}
