import {setMaxListeners} from 'node:events';
import {resolve} from 'node:path';
import {formatCost} from '../format/format-cost.js';
import {lazyImports} from '../lazy-imports.js';
import {ExitCode, GemmaError, InterruptedError} from '../errors.js';
import type {ResolvedSettings} from '../settings/resolved-settings.js';
import type {SettingValue} from '../settings/setting-types.js';
import {batchItems} from '../batch/batch-items.js';
import {BatchStats} from '../batch/batch-stats.js';
import type {BatchBase, BatchItemError, BatchOutcome, BatchStop} from '../batch/batch-types.js';
import type {LoadFiles} from '../batch/item-files.js';
import {dropLines, openOutputFile, repairTornLine, stdoutSink, type Checkpoint, type ResultSink} from '../batch/output-file.js';
import type {ResultLine} from '../batch/output-line.js';
import {openProgress} from '../batch/progress.js';
import {ReorderBuffer} from '../batch/reorder-buffer.js';
import {runItems} from '../batch/run-items.js';
import type {ScanCounts, Selection} from '../batch/scan-input.js';
import {summaryLine} from '../batch/summary.js';
import type {BatchFlags} from './batch-options.js';
import type {CliContext} from './cli-context.js';
import {withInterrupts} from './interrupt-signal.js';
import {requireApiKey} from './require-api-key.js';
import {connectionFor} from './connection-for.js';

export interface BatchRun {
  selection: Selection;
  counts: ScanCounts;
  /** Keys of failed ids that run again: their old lines are dropped first. */
  retried: ReadonlySet<string>;
  checkpoint: Checkpoint | undefined;
  options: BatchFlags;
  settings: ResolvedSettings;
  /** The setting flags, under each line's settings; the layers under them (env, config, batch's defaults). */
  flags: ReadonlyMap<string, SettingValue>;
  layers: BatchBase['layers'];
  /** The resolved values, for the media a line's files add to. */
  base: ReadonlyMap<string, SettingValue>;
  loadFiles: LoadFiles;
  context: CliContext;
  note: (line: string) => void;
}

/**
 * After the first Ctrl-C, how long the items in flight may take to finish (and be written)
 * before the run stops without them; a second Ctrl-C stops at once.
 */
const GRACE_MS = 5_000;

/**
 * Failures every item would meet alike (the key, the account's credit): they stop the run at
 * once instead of filling the output with one error line per item. The items get no line, so
 * `--resume` runs them once the cause is fixed.
 */
const RUN_FATAL_CODES = new Set(['invalidApiKey', 'insufficientCredits']);

/**
 * --ordered keeps at most this many results waiting for an earlier one (and pulls no more
 * meanwhile): at least what can be in flight at once (-j requests of --tasks-per-request tasks),
 * so a full buffer never keeps the engine from filling a request.
 */
function orderedCapacity(flags: BatchFlags): number {
  return Math.max(256, 2 * flags.concurrency * flags.tasksPerRequest);
}

/** The second pass: the output prepared, the items run, each result written as one whole line. */
export async function runSelection(run: BatchRun): Promise<void> {
  const {options: flags, counts, context} = run;
  const apiKey = requireApiKey(context);
  const sink = await openSink(run, apiKey);
  const stats = new BatchStats(counts.toRun, counts.skipped);
  const progress = await openProgress(stats, {stderr: process.stderr, env: context.env, quiet: flags.quiet, resultsOnTerminal: flags.output === undefined && process.stdout.isTTY, loadBar: lazyImports.cliProgress});
  const buffer = flags.ordered ? new ReorderBuffer<ResultLine>(orderedCapacity(flags), (line) => sink.write(line)) : undefined;
  const write = (line: number, result: ResultLine): void => (buffer ? buffer.finish(line, result) : sink.write(result));
  const stopNow = new AbortController();
  const halt = new AbortController();
  // Every request in flight listens to the run's signals: with -j 16 that is more than Node's
  // leak warning expects of one signal (10), and no leak.
  setMaxListeners(0, stopNow.signal, halt.signal);
  let fatal: BatchItemError | undefined;
  const record = (outcome: BatchOutcome): void => {
    if (!outcome.ok && RUN_FATAL_CODES.has(outcome.error.code)) {
      fatal ??= outcome.error;
      halt.abort();
      stopNow.abort();
      return;
    }
    // Counted done once its line is kept: a write that fails (a full disk) ends the run, and the
    // summary must not count an answer that is not in the output (its cost was spent all the same).
    try {
      write(outcome.line, outcome.ok ? {id: outcome.id, ok: true, answer: outcome.answer} : {id: outcome.id, ok: false, error: outcome.error});
    } catch (error) {
      if (outcome.ok) stats.spent(outcome);
      throw error;
    }
    stats.finished(outcome.ok, outcome.ok ? outcome : undefined);
    progress.changed();
  };
  let interrupted: InterruptedError | undefined;
  let stop: BatchStop | undefined;
  try {
    await withInterrupts(async (signal) => {
      signal.addEventListener('abort', () => setTimeout(() => stopNow.abort(signal.reason), GRACE_MS).unref(), {once: true});
      const items = batchItems(run.selection, {
        flags: run.flags,
        base: run.base,
        loadFiles: run.loadFiles,
        ...(buffer ? {admit: (line: number) => buffer.admit(line)} : {}),
        unsendable: ({id, line}, error) => record({id, line, ok: false, error: {message: error.message, code: 'input', exitCode: error.exitCode}}),
      });
      const taking = AbortSignal.any([signal, halt.signal]);
      setMaxListeners(0, signal, taking);
      const connection = connectionFor(run.settings, apiKey, {
        signal: stopNow.signal,
        collectText: true,
        warn: run.note,
        // --verbose: request and response summaries, as ask writes them (the note is terminal-safe).
        ...(run.settings.boolean('verbose') ? {trace: (line: string) => run.note(`gemma: ${line}`)} : {}),
      });
      const outcomes = runItems(items, {connection, layers: run.layers}, {
        concurrency: flags.concurrency,
        delivery: deliveryOf(run.settings),
        tasksPerRequest: flags.tasksPerRequest,
        ...(flags.maxCostUsd === undefined ? {} : {maxCostUsd: flags.maxCostUsd}),
        signal: taking,
        stopNow: stopNow.signal,
        onProgress: (state) => {
          stats.inFlight = state.inFlight;
          progress.changed();
        },
        onStop: (why) => (stop = why),
      });
      for await (const outcome of outcomes) record(outcome);
      if (signal.aborted && signal.reason instanceof InterruptedError) interrupted = signal.reason;
    });
  } finally {
    // What finished is written, in order, even past items a stop left unfinished.
    buffer?.flush();
    progress.stop();
    sink.close();
    process.stderr.write(`${summaryLine(stats)}\n`);
  }
  const notRun = counts.toRun - stats.finishedCount;
  const resumeHint = flags.output === undefined ? 'with -o <file>, --resume runs the rest' : `rerun with --resume to run the rest`;
  // The engine stops on any refusal every item would get (a 403 too); the key and credit ones are not even written.
  if (!fatal && stop?.reason === 'refused') fatal = stop.error;
  if (fatal) throw new GemmaError(`${fatal.message}; the batch stopped with ${notRun} of ${counts.toRun} items not run`, fatal.exitCode, {hint: flags.output === undefined ? 'fix it, then run the batch again' : 'fix it, then rerun with --resume'});
  if (interrupted) {
    run.note(`gemma: batch stopped: ${notRun} of ${counts.toRun} items not finished; ${resumeHint}`);
    throw interrupted;
  }
  if (stop?.reason === 'maxCost' || (flags.maxCostUsd !== undefined && notRun > 0)) {
    throw new GemmaError(`stopped at --max-cost ${formatCost(flags.maxCostUsd ?? stats.costUsd)}: ${formatCost(stats.costUsd)} reported after ${stats.finishedCount} of ${counts.toRun} items; ${notRun} not run`, ExitCode.failure, {hint: `${resumeHint}, with a higher --max-cost`});
  }
  if (stats.failed > 0) {
    const where = flags.output === undefined ? 'their lines hold the error' : `their lines in ${flags.output} hold the error`;
    throw new GemmaError(`${stats.failed} of ${counts.toRun} items failed; ${where}`, ExitCode.failure, flags.output === undefined ? {} : {hint: 'run them again with --retry-failed'});
  }
}

function deliveryOf(settings: ResolvedSettings): 'stream' | 'sync' | 'async' {
  const delivery = settings.string('deliveryMethod');
  return delivery === 'stream' || delivery === 'sync' ? delivery : 'async';
}

/**
 * Where results go. The output file is prepared only now, after the input passed its checks:
 * a torn last line cut off (--resume), the lines of failed ids about to run again dropped
 * (--retry-failed), or the file emptied (--overwrite).
 */
async function openSink(run: BatchRun, secret: string): Promise<ResultSink> {
  const {options: flags, checkpoint} = run;
  if (flags.output === undefined) return stdoutSink(secret);
  const path = resolve(flags.output);
  if (checkpoint) {
    repairTornLine(flags.output, checkpoint, run.note);
    await dropLines(path, run.retried);
  }
  return openOutputFile(path, flags.mode === 'overwrite' ? 'truncate' : 'append', {secret});
}
