import {describe, expect, it} from 'vitest';
import {RateGate} from '../../src/batch/rate-gate.js';

function clock(): {now: () => number; advance: (ms: number) => void} {
  let t = 1_000_000;
  return {now: () => t, advance: (ms) => (t += ms)};
}

describe('RateGate (AIMD)', () => {
  it('starts at -j and halves on a 429, once per pause', () => {
    const c = clock();
    const gate = new RateGate(16, c.now);
    expect(gate.limit).toBe(16);
    gate.rateLimited(2000);
    expect(gate.limit).toBe(8);
    // The other requests sent with it come back 429 too: one signal, not four.
    gate.rateLimited(2000);
    gate.rateLimited(1500);
    expect(gate.limit).toBe(8);
    c.advance(2000);
    gate.rateLimited(1000);
    expect(gate.limit).toBe(4);
  });

  it('never goes below 1', () => {
    const c = clock();
    const gate = new RateGate(2, c.now);
    for (let k = 0; k < 5; k++) {
      gate.rateLimited(10);
      c.advance(10);
    }
    expect(gate.limit).toBe(1);
  });

  it('adds one per window of successes as large as the limit, up to -j', () => {
    const c = clock();
    const gate = new RateGate(10, c.now);
    gate.rateLimited(100);
    expect(gate.limit).toBe(5);
    const after = (n: number): number => {
      for (let k = 0; k < n; k++) gate.succeeded();
      return gate.limit;
    };
    expect(after(4)).toBe(5);
    expect(after(1)).toBe(6); // 5 successes at limit 5
    expect(after(6)).toBe(7);
    expect(after(7 + 8 + 9)).toBe(10);
    expect(after(100)).toBe(10);
  });

  it('pauses everyone for Retry-After, a pause that grows included', async () => {
    const gate = new RateGate(4);
    expect(gate.pausedForMs).toBe(0);
    gate.rateLimited(120);
    expect(gate.pausedForMs).toBeGreaterThan(100);
    const started = Date.now();
    const waiting = gate.whenOpen();
    gate.rateLimited(200);
    await waiting;
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    expect(gate.pausedForMs).toBe(0);
  });

  it('a pause without Retry-After lasts 1 s', () => {
    const c = clock();
    const gate = new RateGate(4, c.now);
    gate.rateLimited(undefined);
    expect(gate.pausedForMs).toBe(1000);
  });

  it('waiting stops at once on abort', async () => {
    const gate = new RateGate(4);
    gate.rateLimited(10_000);
    const controller = new AbortController();
    const waiting = gate.whenOpen(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow('interrupted');
  });
});
