import {describe, expect, it} from 'vitest';
import type {BatchItem, BatchProgress, BatchStop} from '../../src/batch/batch-types.js';
import {runItems} from '../../src/batch/run-items.js';
import {batchBase, batchItems, batchOptions, runBatch} from '../support/batch-fixtures.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

/** The prompt of each textInference task the simulator received, in order. */
function sentPrompts(): string[] {
  return sim.tasks().filter((task) => task.taskType === 'textInference').map((task) => (task.messages as {content: string}[])[0]?.content ?? '');
}

const ids = (n: number): string[] => Array.from({length: n}, (_, k) => `p${k + 1}`).sort();

describe('runItems, sync and stream delivery', () => {
  it('sends every item once and yields the ask --json object per id', async () => {
    const outcomes = await runBatch(batchItems(10), batchBase(sim), batchOptions({delivery: 'sync'}));
    expect(outcomes.map((o) => o.id).sort()).toEqual(ids(10));
    expect(sentPrompts().sort()).toEqual(Array.from({length: 10}, (_, k) => `prompt number ${k + 1}`).sort());
    const first = outcomes[0];
    expect(first?.ok).toBe(true);
    if (first?.ok !== true) return;
    expect(Object.keys(first.answer)).toEqual(['taskUUID', 'model', 'text', 'reasoning', 'finishReason', 'usage', 'cost', 'seed']);
    expect(first.tokens).toBeGreaterThan(0);
    // One task per request, sync (the server's default: not sent), usage asked for, cost not (no budget).
    expect(sim.requests.every((request) => Array.isArray(request.body) && request.body.length === 1)).toBe(true);
    expect(sim.tasks().every((task) => task.deliveryMethod === undefined && task.includeUsage === true && task.includeCost === undefined)).toBe(true);
  });

  it('streams items when asked', async () => {
    const outcomes = await runBatch(batchItems(3), batchBase(sim), batchOptions({delivery: 'stream'}));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(sim.tasks().every((task) => task.deliveryMethod === 'stream')).toBe(true);
  });

  it('holds -j requests in flight, no more', async () => {
    sim.setDefault({latencyMs: 60});
    const outcomes = await runBatch(batchItems(12), batchBase(sim), batchOptions({concurrency: 3}));
    expect(outcomes).toHaveLength(12);
    expect(sim.maxConcurrent()).toBe(3);
  });

  it('pulls the input lazily: never more items than requests in flight', async () => {
    sim.setDefault({latencyMs: 30});
    let pulled = 0;
    let maxAhead = 0;
    let finished = 0;
    async function* counting(): AsyncGenerator<BatchItem> {
      for await (const item of batchItems(20)) {
        pulled += 1;
        maxAhead = Math.max(maxAhead, pulled - finished);
        yield item;
      }
    }
    for await (const _ of runItems(counting(), batchBase(sim), batchOptions({concurrency: 4}))) finished += 1;
    expect(finished).toBe(20);
    expect(maxAhead).toBeLessThanOrEqual(4);
  });

  it('a 429 pauses every worker for its Retry-After, then the item is sent again', async () => {
    sim.setDefault({latencyMs: 100});
    sim.script({status: 429, retryAfter: 1});
    const outcomes = await runBatch(batchItems(8), batchBase(sim), batchOptions({concurrency: 4}));
    expect(outcomes.map((o) => o.ok)).toEqual(Array(8).fill(true));
    const refusedAt = sim.requests[0]?.receivedAt ?? 0;
    // The first four went out together; the refusal came at once, the others a latency later:
    // without a shared pause their workers would send the next items then.
    const later = sim.requests.slice(4).map((request) => request.receivedAt - refusedAt);
    expect(later.length).toBe(5); // 4 more items and the refused one again: a 429 is no failure
    expect(Math.min(...later)).toBeGreaterThanOrEqual(990);
  });

  it('records an item that fails and does not send it again', async () => {
    sim.script({match: 'prompt number 2', failResults: [0]});
    const outcomes = await runBatch(batchItems(4), batchBase(sim), batchOptions({concurrency: 1}));
    const failed = outcomes.find((o) => o.id === 'p2');
    expect(failed).toMatchObject({ok: false, line: 2, error: {code: 'inferenceError', exitCode: 1}});
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(sentPrompts().filter((p) => p === 'prompt number 2')).toHaveLength(1);
  });

  it('retries a 5xx as ask does, under a new taskUUID', async () => {
    sim.script({status: 503});
    const outcomes = await runBatch(batchItems(1), batchBase(sim), batchOptions());
    expect(outcomes[0]?.ok).toBe(true);
    const uuids = sim.tasks().map((task) => task.taskUUID);
    expect(uuids).toHaveLength(2);
    expect(new Set(uuids).size).toBe(2);
  });

  it('never sends again a task the service may have accepted (dropped after delivery)', async () => {
    sim.script({match: 'prompt number 1', fault: 'drop', afterEvents: 1});
    const outcomes = await runBatch(batchItems(2), batchBase(sim), batchOptions({concurrency: 1}));
    expect(outcomes.find((o) => o.id === 'p1')).toMatchObject({ok: false, error: {code: 'network-dropped'}});
    expect(outcomes.find((o) => o.id === 'p1' && !o.ok && /not resent/.test(o.error.message))).toBeDefined();
    expect(sentPrompts().filter((p) => p === 'prompt number 1')).toHaveLength(1);
  });

  it('stops taking items once the reported cost reaches --max-cost, and finishes those in flight', async () => {
    sim.setDefault({latencyMs: 30});
    const stops: BatchStop[] = [];
    const outcomes = await runBatch(batchItems(20), batchBase(sim), batchOptions({concurrency: 2, maxCostUsd: 1e-9, onStop: (stop) => stops.push(stop)}));
    expect(outcomes).toHaveLength(2);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(sim.tasks()).toHaveLength(2);
    expect(sim.tasks().every((task) => task.includeCost === true)).toBe(true);
    expect(stops).toEqual([{reason: 'maxCost', costUsd: expect.any(Number) as number}]);
  });

  it('a first Ctrl-C stops taking items; what is in flight still finishes', async () => {
    sim.setDefault({latencyMs: 80});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 40);
    const stops: BatchStop[] = [];
    const outcomes = await runBatch(batchItems(20), batchBase(sim), batchOptions({concurrency: 3, signal: controller.signal, onStop: (stop) => stops.push(stop)}));
    expect(outcomes).toHaveLength(3);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(stops).toEqual([{reason: 'interrupted'}]);
  });

  it('stopNow cuts the requests in flight: no outcome for them', async () => {
    sim.setDefault({latencyMs: 300});
    const first = new AbortController();
    const now = new AbortController();
    setTimeout(() => {
      first.abort();
      now.abort();
    }, 50);
    const started = Date.now();
    const outcomes = await runBatch(batchItems(20), batchBase(sim), batchOptions({concurrency: 3, signal: first.signal, stopNow: now.signal}));
    expect(outcomes).toEqual([]);
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('a refusal every item would get (401) stops taking items and says so', async () => {
    sim.script({status: 401});
    const stops: BatchStop[] = [];
    const outcomes = await runBatch(batchItems(10), batchBase(sim), batchOptions({concurrency: 1, onStop: (stop) => stops.push(stop)}));
    expect(outcomes).toEqual([expect.objectContaining({id: 'p1', ok: false, error: expect.objectContaining({code: 'invalidApiKey', exitCode: 1}) as unknown})]);
    expect(sim.requests).toHaveLength(1);
    expect(stops).toEqual([{reason: 'refused', error: expect.objectContaining({code: 'invalidApiKey'}) as unknown}]);
  });

  it('an item over the context window fails with exit code 2 and is not sent', async () => {
    const big = 'word '.repeat(5000);
    async function* items(): AsyncGenerator<BatchItem> {
      yield {id: 'big', line: 1, prompt: big, settings: new Map([['contextWindow', 1024]])};
      yield {id: 'small', line: 2, prompt: 'hi', settings: new Map()};
    }
    const outcomes = await runBatch(items(), batchBase(sim), batchOptions({concurrency: 1}));
    expect(outcomes.find((o) => o.id === 'big')).toMatchObject({ok: false, line: 1, error: {code: 'UsageError', exitCode: 2}});
    expect(outcomes.find((o) => o.id === 'small')?.ok).toBe(true);
    expect(sentPrompts()).toEqual(['hi']);
  });

  it('reports progress: in flight within -j, submitted, tokens so far', async () => {
    sim.setDefault({latencyMs: 20});
    const seen: BatchProgress[] = [];
    await runBatch(batchItems(6), batchBase(sim), batchOptions({concurrency: 2, onProgress: (p) => seen.push(p)}));
    expect(Math.max(...seen.map((p) => p.inFlight))).toBe(2);
    expect(seen.at(-1)).toMatchObject({inFlight: 0, submitted: 6, costUsd: 0});
    expect(seen.at(-1)?.tokens).toBeGreaterThan(0);
  });
});
