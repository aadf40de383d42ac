import {canDriveTerminal} from '../output/drivable-terminal.js';
import type {BatchStats} from './batch-stats.js';
import {formatEta, progressLine} from './summary.js';
import {formatCost} from '../format/format-cost.js';
import {barLine} from './bar-line.js';

/** How a run shows where it stands; `stop` leaves the last state on screen. */
export interface ProgressView {
  /** Something changed: drawn at the view's own pace, never once per item. */
  changed(): void;
  stop(): void;
}

/** Off a terminal, one line this often (GEMMA_BATCH_PROGRESS_MS, for tests). */
const PLAIN_INTERVAL_MS = 10_000;
/** A terminal's bar is redrawn at most this many times a second. */
const BAR_FPS = 4;

const NONE: ProgressView = {changed: () => undefined, stop: () => undefined};

/**
 * The progress of a run on stderr. On a terminal: a bar (cli-progress, loaded only then; no ink,
 * no React) with done/total, failed, in flight, items/s, tokens/s, cost so far and the ETA. Off a
 * terminal: one plain line every 10 s. `--quiet`: none.
 */
export async function openProgress(stats: BatchStats, options: ProgressOptions): Promise<ProgressView> {
  if (options.quiet) return NONE;
  // Results printed on the same terminal would be drawn over by the bar: plain lines then.
  if (canDriveTerminal(options.stderr, options.env) && !options.resultsOnTerminal) return openBar(stats, options);
  const interval = Number(options.env.GEMMA_BATCH_PROGRESS_MS) > 0 ? Number(options.env.GEMMA_BATCH_PROGRESS_MS) : PLAIN_INTERVAL_MS;
  const timer = setInterval(() => options.stderr.write(`${progressLine(stats)}\n`), interval);
  timer.unref();
  return {changed: () => undefined, stop: () => clearInterval(timer)};
}

export interface ProgressOptions {
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
  quiet: boolean;
  /** The result lines go to a terminal too (stdout, no -o). */
  resultsOnTerminal: boolean;
  /** cli-progress, loaded only for a terminal (src/lazy-imports.ts: it stays out of the CLI bundle). */
  loadBar: () => Promise<typeof import('cli-progress')>;
}

async function openBar(stats: BatchStats, options: ProgressOptions): Promise<ProgressView> {
  const {SingleBar} = await options.loadBar();
  const bar = new SingleBar({
    stream: options.stderr,
    fps: BAR_FPS,
    hideCursor: true,
    // Never wrapped (a wrapped bar redraws as a trail): barLine fits the width, read at each redraw.
    linewrap: false,
    format: (_options, params) => barLine({
      done: params.value,
      total: params.total,
      failed: stats.failed,
      inFlight: stats.inFlight,
      itemsPerSecond: stats.itemsPerSecond().toFixed(1),
      tokensPerSecond: Math.round(stats.tokensPerSecond()),
      cost: formatCost(stats.costUsd),
      eta: formatEta(stats.etaSeconds()),
    }, options.stderr.columns || 80),
  });
  bar.start(stats.total, 0);
  return {
    // cli-progress draws on its own timer (BAR_FPS); an update only records the numbers.
    changed: () => bar.update(stats.finishedCount),
    stop: () => {
      bar.update(stats.finishedCount);
      bar.stop();
    },
  };
}
