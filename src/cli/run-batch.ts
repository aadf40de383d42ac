import {resolve} from 'node:path';
import {resolveSettings} from '../config/resolve-settings.js';
import {UsageError} from '../errors.js';
import {colorFor} from '../output/terminal.js';
import {terminalSafe} from '../text/terminal-safe.js';
import type {SettingValue} from '../settings/setting-types.js';
import {BATCH_SETTING_DEFAULTS} from '../settings/batch-defaults.js';
import {Estimate} from '../batch/estimate.js';
import {detectFormat, spoolStdin, type Spool} from '../batch/read-input.js';
import {readCheckpoint, type Checkpoint} from '../batch/output-file.js';
import {scanInput, type Selection} from '../batch/scan-input.js';
import {readBatchFlags, outputHolds, type BatchFlags} from './batch-options.js';
import {runSelection} from './batch-second-pass.js';
import type {CliContext} from './cli-context.js';
import {loadFileSources} from './compose-prompt.js';
import {stdinIsTerminal} from './read-stdin.js';
import {withInterrupts} from './interrupt-signal.js';
import {readSettingFlags} from './setting-flags.js';
import {tuneHeapForLongSession} from './tune-heap.js';

/**
 * `gemma batch`: the flags checked, the input read and checked whole (first pass: nothing is
 * sent if any line is bad), then either the estimate or the run (second pass, in batch-second-pass.ts).
 */
export async function runBatch(input: string, opts: Record<string, unknown>, context: CliContext): Promise<void> {
  // A batch is a long run of short-lived garbage (bodies, answers, lines) over a small live heap,
  // as a chat is: without this the old space grows with the run's length, not with what it holds.
  tuneHeapForLongSession();
  const flags = readBatchFlags(input, opts);
  const settingFlags = await readSettingFlags(opts);
  if (flags.maxCostUsd !== undefined) {
    if (settingFlags.get('includeCost') === false) throw new UsageError('--max-cost and --no-cost both given: the stop needs the cost of each answer; allowed: one of them');
    settingFlags.set('includeCost', true);
  }
  const store = context.store();
  const layers = {env: context.env, stored: store.all(), storedPath: store.path, defaults: {...BATCH_SETTING_DEFAULTS}};
  const settings = resolveSettings({...layers, flags: settingFlags});
  const base = new Map<string, SettingValue>([...settings].map(([name, entry]) => [name, entry.value]));
  // Ctrl-C while stdin is spooled or the input checked: nothing was sent, the spool is removed, 130.
  await withInterrupts(async (signal) => {
    const spool = input === '-' ? await spooledStdin(signal) : undefined;
    try {
      const path = spool?.path ?? input;
      const checkpoint = await existingOutput(flags);
      const retried = new Set<string>();
      const selection: Selection = {path, format: flags.format ?? (await detectFormat(path)), shard: flags.shard, runs: runsFor(flags, checkpoint, retried)};
      const estimate = flags.estimate ? new Estimate() : undefined;
      const loadFiles = (files: readonly string[]) => loadFileSources(files, context.env);
      const counts = await scanInput(selection, {name: input === '-' ? 'stdin' : input, flags: base, loadFiles, signal, ...(estimate ? {estimate} : {})});
      if (estimate) {
        process.stdout.write(`${estimate.report(counts).join('\n')}\n`);
        return;
      }
      const note = (line: string): void => void process.stderr.write(`${colorFor(process.stderr, context.env).yellow(terminalSafe(line))}\n`);
      await runSelection({selection, counts, retried, checkpoint, options: flags, settings, flags: settingFlags, layers, base, loadFiles, context, note});
    } finally {
      spool?.remove();
    }
  });
}

/** stdin copied to a private file (it is read twice); a terminal as stdin is refused: there is no list to read. */
async function spooledStdin(signal: AbortSignal): Promise<Spool> {
  if (stdinIsTerminal()) throw new UsageError('gemma batch -: stdin is a terminal; allowed: a file or a pipe of JSONL or text lines');
  return spoolStdin(process.stdin, signal);
}

/**
 * The output file, read back when it holds something: then the user must have said what to do
 * with it; bad lines in it are refused before anything is sent.
 */
async function existingOutput(flags: BatchFlags): Promise<Checkpoint | undefined> {
  if (flags.output === undefined || !outputHolds(flags.output)) return undefined;
  // --estimate touches nothing: it prices the whole input unless told to count only what a resume would run.
  if (flags.mode === 'new' && flags.estimate) return undefined;
  if (flags.mode === 'new') {
    throw new UsageError(`-o ${flags.output} exists; allowed: --resume (run the ids it does not hold), --retry-failed (run again those that failed) or --overwrite`);
  }
  return flags.mode === 'overwrite' ? undefined : readCheckpoint(resolve(flags.output));
}

/**
 * Which ids run, by the output's mode: --resume those without a line, --retry-failed those whose
 * line is an error (both: both). The failed ids that run again are collected: their old lines
 * are dropped before the run, so each id keeps exactly one line.
 */
function runsFor(flags: BatchFlags, checkpoint: Checkpoint | undefined, retried: Set<string>): (key: string) => boolean {
  if (!checkpoint) return () => true;
  const retry = flags.mode === 'retry-failed' || flags.mode === 'resume-and-retry';
  const fill = flags.mode === 'resume' || flags.mode === 'resume-and-retry';
  return (key) => {
    if (checkpoint.failed.has(key)) {
      if (retry) retried.add(key);
      return retry;
    }
    return fill && !checkpoint.done.has(key);
  };
}
