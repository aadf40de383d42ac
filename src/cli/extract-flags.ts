import type {Command} from 'commander';
import {UsageError} from '../errors.js';
import type {ExtractMode} from '../output/extract-code.js';

/**
 * `-x, --extract` and `--extract-last`: options of `ask` and `chat`, not settings-table rows. They
 * choose what of an answer is printed, not what is asked: nothing sent, no config key, no `/set`
 * (a chat on a terminal has no use for them), and two exclusive switches fit no one row.
 */
export function addExtractOptions(command: Command, what: string): Command {
  return command
    .option('-x, --extract', `print only the first fenced code block of ${what} (its content, no fences)`)
    .option('--extract-last', `print only the last fenced code block of ${what}`);
}

/** Which block the flags ask for; both at once is a usage error. */
export function readExtract(opts: Record<string, unknown>): ExtractMode | undefined {
  if (opts.extract === true && opts.extractLast === true) throw new UsageError('--extract and --extract-last both given; allowed: one of them');
  return opts.extract === true ? 'first' : opts.extractLast === true ? 'last' : undefined;
}
