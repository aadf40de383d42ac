/** "0.3 s", "60 s", "10 min": durations in messages, as a person would say them. */
export function formatDuration(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1))} s`;
}
