import {describe, expect, it} from 'vitest';
import type {BatchOutcome, BatchStop} from '../../src/batch/batch-types.js';
import {runItems} from '../../src/batch/run-items.js';
import {batchBase, batchItems, batchOptions, runBatch} from '../support/batch-fixtures.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator({pollsUntilDone: 2});

type Task = Record<string, unknown>;
const bodies = (): Task[][] => sim.requests.map((request) => (Array.isArray(request.body) ? (request.body as Task[]) : []));
const submits = (): Task[][] => bodies().filter((body) => body[0]?.taskType === 'textInference');
const polls = (): Task[][] => bodies().filter((body) => body[0]?.taskType === 'getResponse');
const promptOf = (task: Task): string => (task.messages as {content: string}[])[0]?.content ?? '';

describe('runItems, async delivery', () => {
  it('submits many tasks per POST and polls them in batched getResponse requests', async () => {
    const outcomes = await runBatch(batchItems(120), batchBase(sim), batchOptions({delivery: 'async', tasksPerRequest: 50, concurrency: 2}));
    expect(outcomes).toHaveLength(120);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(new Set(outcomes.map((o) => o.id)).size).toBe(120);
    const sizes = submits().map((body) => body.length).sort((a, b) => b - a);
    expect(sizes).toEqual([50, 50, 20]);
    expect(submits().flat().every((task) => task.deliveryMethod === 'async')).toBe(true);
    // Each task submitted once; every poll asks for many tasks, at most 50.
    expect(new Set(submits().flat().map((task) => task.taskUUID)).size).toBe(120);
    expect(polls().every((body) => body.length <= 50)).toBe(true);
    expect(polls().flat()).toHaveLength(120 * 3); // pollsUntilDone 2: two polls 'processing', the third 'success'
    expect(polls().length).toBeLessThanOrEqual(12);
    expect(sim.maxConcurrent()).toBeLessThanOrEqual(2);
  });

  it('records a failed task (status "error" on poll) and never submits it again', async () => {
    sim.script({match: 'prompt number 2', failResults: [0]});
    const outcomes = await runBatch(batchItems(3), batchBase(sim), batchOptions({delivery: 'async', tasksPerRequest: 1}));
    expect(outcomes.find((o) => o.id === 'p2')).toMatchObject({ok: false, line: 2, error: {code: 'inferenceError', exitCode: 1}});
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
    expect(submits().flat().filter((task) => promptOf(task) === 'prompt number 2')).toHaveLength(1);
  });

  it('records the tasks of a refused submit (an errors entry for each taskUUID), never resent', async () => {
    sim.script({code: 'invalidParameter', status: 400, message: 'nope'});
    const refused = await runBatch(batchItems(2), batchBase(sim), batchOptions({delivery: 'async', tasksPerRequest: 2}));
    expect(refused.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual(['invalidParameter', 'invalidParameter']);
    expect(submits()).toHaveLength(1);
  });

  it('retries a 5xx submit under the same taskUUIDs', async () => {
    sim.script({status: 503});
    const outcomes = await runBatch(batchItems(3), batchBase(sim), batchOptions({delivery: 'async'}));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const [first, second] = submits();
    expect(submits()).toHaveLength(2);
    expect(second?.map((task) => task.taskUUID)).toEqual(first?.map((task) => task.taskUUID));
  });

  it('a submit dropped after delivery is resent under the same taskUUIDs: conflictTaskUUID proves it accepted, nothing runs twice', async () => {
    sim.script({fault: 'drop', afterEvents: 1});
    const outcomes = await runBatch(batchItems(3), batchBase(sim), batchOptions({delivery: 'async'}));
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
    expect(submits()).toHaveLength(2);
    const uuidsPerPrompt = new Map<string, Set<unknown>>();
    for (const task of submits().flat()) uuidsPerPrompt.set(promptOf(task), (uuidsPerPrompt.get(promptOf(task)) ?? new Set()).add(task.taskUUID));
    expect([...uuidsPerPrompt.values()].map((set) => set.size)).toEqual([1, 1, 1]);
  });

  it('a 429 on a poll pauses, then polls again; it fails nothing', async () => {
    sim.script({}, {status: 429, retryAfter: 1});
    const started = Date.now();
    const outcomes = await runBatch(batchItems(2), batchBase(sim), batchOptions({delivery: 'async'}));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    const refusedAt = sim.requests[1]?.receivedAt ?? 0;
    expect(Math.min(...sim.requests.slice(2).map((r) => r.receivedAt - refusedAt))).toBeGreaterThanOrEqual(990);
  });

  it('stops submitting at --max-cost and still collects what was submitted', async () => {
    const outcomes = await runBatch(batchItems(10), batchBase(sim), batchOptions({delivery: 'async', tasksPerRequest: 2, concurrency: 1, maxCostUsd: 1e-9}));
    expect(submits().flat().every((task) => task.includeCost === true)).toBe(true);
    expect(outcomes.length).toBeLessThan(10);
    expect(outcomes.length).toBe(submits().flat().length);
    expect(outcomes.every((o) => o.ok)).toBe(true);
  });

  it('a first Ctrl-C stops submitting and still collects what was submitted; stopNow ends at once', async () => {
    const controller = new AbortController();
    const stops: BatchStop[] = [];
    let seen = 0;
    const outcomes: BatchOutcome[] = [];
    for await (const outcome of runItems(batchItems(20), batchBase(sim), batchOptions({delivery: 'async', tasksPerRequest: 3, concurrency: 1, signal: controller.signal, onStop: (stop) => stops.push(stop)}))) {
      outcomes.push(outcome);
      if (++seen === 1) controller.abort();
    }
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(outcomes.length).toBe(submits().flat().length);
    expect(outcomes.length).toBeLessThan(20);
    expect(stops).toEqual([{reason: 'interrupted'}]);

    sim.reset();
    const now = new AbortController();
    const started = Date.now();
    setTimeout(() => now.abort(), 100);
    const cut = await runBatch(batchItems(5), batchBase(sim, {poll: {initialMs: 5000, factor: 1.5, capMs: 5000, limitMs: 60_000}}), batchOptions({delivery: 'async', stopNow: now.signal}));
    expect(cut).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
