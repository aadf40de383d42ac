import {fenceBlock} from './fence-block.js';
import type {SourceText} from './load-sources.js';

/**
 * A chat message with files attached, as it is sent: each file a fenced block named by its
 * source, in the order attached, then the message (as `-f` composes the first turn). A message
 * of files alone is the blocks.
 */
export function attachedText(files: readonly SourceText[], message: string): string {
  return [...files.map(({name, text}) => fenceBlock(name, text)), message].filter((part) => part !== '').join('\n\n');
}
