import {describe, expect, it} from 'vitest';
import {batchBase, batchItems, batchOptions, runBatch} from '../support/batch-fixtures.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

/** The textInference tasks the simulator received, each with its prompt. */
function sentPrompts(): string[] {
  return sim.tasks().filter((task) => task.taskType === 'textInference').map((task) => (task.messages as {content: string}[])[0]?.content ?? '');
}

describe('runItems, sync and stream delivery', () => {
  it('sends every item once and yields the ask --json object per id', async () => {
    const outcomes = await runBatch(batchItems(10), batchBase(sim), batchOptions({delivery: 'sync'}));
    expect(outcomes.map((o) => o.id).sort()).toEqual(Array.from({length: 10}, (_, k) => `p${k + 1}`).sort());
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
});
