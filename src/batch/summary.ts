import {formatDuration} from '../api/format-duration.js';
import {formatCost} from '../format/format-cost.js';
import type {BatchStats} from './batch-stats.js';

const count = (value: number): string => value.toLocaleString('en-US');
const rate = (value: number): string => (value >= 10 ? value.toFixed(0) : value.toFixed(1));

/** `3m 20s`, `45 s`: a time left, as a person would say it. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '?';
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The plain progress line off a terminal (every 10 s): where the run stands. */
export function progressLine(stats: BatchStats, now = Date.now()): string {
  return `gemma: batch: ${count(stats.finishedCount)}/${count(stats.total)} finished, ${count(stats.failed)} failed, ${count(stats.inFlight)} in flight, ${rate(stats.itemsPerSecond(now))} items/s, ${count(stats.tokens)} tokens, ${formatCost(stats.costUsd)}, ETA ${formatEta(stats.etaSeconds(now))}`;
}

/**
 * The summary on stderr at the end: done, failed, skipped, tokens, cost, time, items/s. Tokens
 * and cost are what the service reported (batch asks for both unless --no-usage / --no-cost).
 */
export function summaryLine(stats: BatchStats, now = Date.now()): string {
  const elapsed = stats.elapsedMs(now);
  return `gemma: batch: ${count(stats.done)} done, ${count(stats.failed)} failed, ${count(stats.skipped)} skipped; ${count(stats.tokens)} tokens, ${formatCost(stats.costUsd)}; ${formatDuration(elapsed)}, ${rate(stats.itemsPerSecond(now))} items/s`;
}
