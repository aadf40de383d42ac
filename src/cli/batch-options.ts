import {existsSync, realpathSync, statSync} from 'node:fs';
import {resolve} from 'node:path';
import {UsageError} from '../errors.js';
import {parseFormat, type InputFormat} from '../batch/read-input.js';
import {parseShard, type Shard} from '../batch/shard.js';
import {BATCH_RUN_DEFAULTS} from '../batch/run-defaults.js';

/** What to do with an output file that exists. */
export type OutputMode = 'new' | 'overwrite' | 'resume' | 'retry-failed' | 'resume-and-retry';

/** `gemma batch`'s own flags, checked: each bad one is a one-line exit-2 error, before anything is read. */
export interface BatchFlags {
  output: string | undefined;
  mode: OutputMode;
  concurrency: number;
  tasksPerRequest: number;
  ordered: boolean;
  maxCostUsd: number | undefined;
  estimate: boolean;
  shard: Shard | undefined;
  format: InputFormat | undefined;
  quiet: boolean;
}


function wholeNumber(raw: unknown, flag: string, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const text = String(raw).trim();
  const value = Number(text);
  if (!/^\+?\d+$/.test(text) || value < 1 || value > max) throw new UsageError(`${flag}: ${JSON.stringify(String(raw))} is not allowed; allowed: a whole number from 1 to ${max}`);
  return value;
}

function dollars(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw).trim().replace(/^\$/, '');
  const value = Number(text);
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text) || !(value > 0)) throw new UsageError(`--max-cost: ${JSON.stringify(String(raw))} is not allowed; allowed: a number of US dollars above 0, e.g. 2.50`);
  return value;
}

function outputMode(opts: Record<string, unknown>): OutputMode {
  const resume = opts.resume === true;
  const retry = opts.retryFailed === true;
  const overwrite = opts.overwrite === true;
  if (overwrite && (resume || retry)) throw new UsageError(`--overwrite and --${resume ? 'resume' : 'retry-failed'} both given; allowed: one of them`);
  if ((overwrite || resume || retry) && typeof opts.output !== 'string') {
    throw new UsageError(`--${overwrite ? 'overwrite' : resume ? 'resume' : 'retry-failed'} needs -o <file>: the output file is what is resumed; allowed: -o with it`);
  }
  if (resume && retry) return 'resume-and-retry';
  return overwrite ? 'overwrite' : resume ? 'resume' : retry ? 'retry-failed' : 'new';
}

export function readBatchFlags(input: string, opts: Record<string, unknown>): BatchFlags {
  const output = typeof opts.output === 'string' ? opts.output : undefined;
  if (output !== undefined && output.trim() === '') throw new UsageError('-o: an empty path; allowed: a file to write the results to');
  const flags: BatchFlags = {
    output,
    mode: outputMode(opts),
    concurrency: wholeNumber(opts.concurrency, '--concurrency', BATCH_RUN_DEFAULTS.concurrency, 64),
    tasksPerRequest: wholeNumber(opts.tasksPerRequest, '--tasks-per-request', BATCH_RUN_DEFAULTS.tasksPerRequest, 100),
    ordered: opts.ordered === true,
    maxCostUsd: dollars(opts.maxCost),
    estimate: opts.estimate === true,
    shard: typeof opts.shard === 'string' ? parseShard(opts.shard) : undefined,
    format: typeof opts.format === 'string' ? parseFormat(opts.format) : undefined,
    quiet: opts.quiet === true,
  };
  if (output !== undefined && input !== '-' && sameFile(input, output)) throw new UsageError(`-o ${output} is the input; allowed: another file`);
  return flags;
}

function sameFile(a: string, b: string): boolean {
  if (!existsSync(a) || !existsSync(b)) return resolve(a) === resolve(b);
  return realpathSync(a) === realpathSync(b);
}

/** Whether the output already holds something: then --resume, --retry-failed or --overwrite must say what to do. */
export function outputHolds(path: string): boolean {
  const stat = statSync(path, {throwIfNoEntry: false});
  if (stat?.isDirectory()) throw new UsageError(`-o ${path} is a folder; allowed: a file to write the results to`);
  return stat !== undefined && stat.isFile() && stat.size > 0;
}
