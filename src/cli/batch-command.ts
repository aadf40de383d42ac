import type {Command} from 'commander';
import {BATCH_RUN_DEFAULTS} from '../batch/run-defaults.js';
import {BATCH_SETTING_DEFAULTS} from '../settings/batch-defaults.js';
import type {CliContext} from './cli-context.js';
import {wrappedToWidth} from './help-layout.js';
import {addSettingFlags} from './setting-flags.js';

export function addBatchCommand(program: Command, context: CliContext): void {
  const command = program
    .command('batch')
    .description('run many prompts (JSONL or one a line), resumable; results as JSONL')
    .argument('<input>', 'a JSONL file ({"id", "prompt", "system"?, "files"?, "settings"?} a line), a text file (one prompt a line), or - for stdin')
    .addHelpText('after', () => [
      '',
      'Examples:',
      '  gemma batch prompts.jsonl -o out.jsonl',
      '  gemma batch prompts.jsonl -o out.jsonl --resume     (after a crash or Ctrl-C)',
      '  gemma batch questions.txt --max-tokens 200 > out.jsonl',
      '  gemma batch prompts.jsonl --estimate',
      '  gemma batch prompts.jsonl -o part-1.jsonl --shard 1/4',
      '',
      wrappedToWidth('Every line is checked before anything is sent. Each result line is the object `ask --json` prints, with the id first, or the id and an error. Flags are the defaults for every line; a line\'s "settings" win. Docs: docs/batch.md.'),
    ].join('\n'));
  command
    .option('-o, --output <file>', 'write results here (the checkpoint --resume reads) instead of stdout')
    .option('--resume', 'the output exists: skip the ids it holds, run the rest')
    .option('--retry-failed', 'the output exists: run again the ids whose line holds an error (with --resume: and those with no line)')
    .option('--overwrite', 'the output exists: start it again')
    .option('-j, --concurrency <n>', `requests in flight (1 to 64; default ${BATCH_RUN_DEFAULTS.concurrency})`)
    .option('--tasks-per-request <n>', `async delivery: tasks in one request, submits and polls alike (1 to 100; default ${BATCH_RUN_DEFAULTS.tasksPerRequest})`)
    .option('--ordered', 'write results in input order (a bounded buffer), not as they finish')
    .option('--max-cost <usd>', 'stop submitting once the reported cost reaches this many US dollars')
    .option('--estimate', 'send nothing: count the items, estimate their tokens and the price range')
    .option('--shard <K/N>', 'run only shard K of N (1-based; by a hash of the id), e.g. 2/4 on the second of four machines')
    .option('--format <format>', 'jsonl or text (default: jsonl when the first line is a JSON object)')
    .option('-q, --quiet', 'no progress on stderr (the summary stays)');
  addSettingFlags(command, BATCH_SETTING_DEFAULTS).action(async (input: string, opts: Record<string, unknown>) => {
    // Loaded on use: nothing of batch is read when another command runs.
    const {runBatch} = await import('./run-batch.js');
    await runBatch(input, opts, context);
  });
}
