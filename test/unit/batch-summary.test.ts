import {afterEach, describe, expect, it, vi} from 'vitest';
import {BatchStats} from '../../src/batch/batch-stats.js';
import {formatEta, progressLine, summaryLine} from '../../src/batch/summary.js';

afterEach(() => vi.useRealTimers());

describe('the batch summary and progress line', () => {
  it('adds up done, failed, skipped, tokens and cost, with time and items/s', () => {
    vi.useFakeTimers({now: 1_000_000});
    const stats = new BatchStats(10, 3);
    stats.finished(true, {tokens: 1200, costUsd: 0.0004});
    stats.finished(true, {tokens: 800, costUsd: 0.0002});
    stats.finished(false);
    stats.inFlight = 2;
    const later = 1_000_000 + 1500;
    expect(summaryLine(stats, later)).toBe('gemma: batch: 2 done, 1 failed, 3 skipped; 2,000 tokens, $0.00060; 1.5 s, 2.0 items/s');
    // 3 of 10 in 1.5 s: 2 items/s, 7 left: 3.5 s.
    expect(progressLine(stats, later)).toBe('gemma: batch: 3/10 finished, 1 failed, 2 in flight, 2.0 items/s, 2,000 tokens, $0.00060, ETA 4 s');
  });

  it('says the time left as a person would', () => {
    expect(formatEta(undefined)).toBe('?');
    expect(formatEta(3.2)).toBe('4 s');
    expect(formatEta(600)).toBe('10 min');
    expect(formatEta(3 * 3600 + 25 * 60)).toBe('3 h 25 min');
  });
});
