import {formatDuration} from '../api/format-duration.js';

/** `0.4 s`, `12.3 s`: one decimal below a minute, so a counting timer keeps its width. */
export function formatSeconds(ms: number): string {
  if (ms >= 60_000) return formatDuration(Math.round(ms / 1000) * 1000);
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}
