import {describe, expect, it} from 'vitest';
import {batchBase, batchItems, batchOptions, runBatch} from '../support/batch-fixtures.js';
import {useSimulator} from '../support/use-simulator.js';

// 10 requests per key in any second: -j 8 on 30 quick items runs into it at once.
const sim = useSimulator({rateLimit: {requests: 10, windowMs: 1000}, latencyMs: 20});

describe('runItems against a rate-limited key', () => {
  it('finishes every item, once, and backs off instead of hammering', async () => {
    const started = Date.now();
    const outcomes = await runBatch(batchItems(30), batchBase(sim), batchOptions({concurrency: 8}));
    expect(outcomes.map((o) => o.ok)).toEqual(Array(30).fill(true));
    expect(new Set(outcomes.map((o) => o.id)).size).toBe(30);
    // 30 requests at 10 a second cannot take less than 2 s (three windows).
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    const refused = sim.requests.length - 30;
    // Each 429 pauses every worker until the window frees and halves -j: what comes back refused
    // is mostly what was already in flight when the first 429 came (7 here; 16 when each worker
    // waits out its own Retry-After and the others go on sending).
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(10);
  });
});
