import {UsageError} from '../errors.js';

/**
 * The first user turn from the arguments and piped stdin: the argument is the instruction and
 * stdin the material (`instruction`, blank line, `stdin`); `-` as the argument means stdin alone.
 */
export function composePrompt(args: readonly string[], stdinText: string | undefined): string {
  const dashOnly = args.length === 1 && args[0] === '-';
  const instruction = dashOnly ? '' : args.join(' ').trim();
  const material = stdinText?.replace(/\s+$/, '') ?? '';
  const prompt = instruction && material ? `${instruction}\n\n${material}` : instruction || material;
  if (!prompt.trim()) {
    throw new UsageError(dashOnly || stdinText !== undefined ? 'the prompt is empty: stdin had no text' : 'the prompt is empty; allowed: text as arguments or on stdin, e.g. gemma ask "hello"');
  }
  return prompt;
}
