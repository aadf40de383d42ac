import {request} from 'node:http';
import {describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {firstError, joinDeltas, naiveSse, post, textTask} from '../support/simulator-client.js';

const sim = useSimulator({pollsUntilDone: 1});

const poll = (taskUUID: unknown) => post(sim, [{taskType: 'getResponse', taskUUID}]);
const control = (path: string, body: unknown) => fetch(sim.url.replace(/\/v1$/, `/__sim/${path}`), {method: 'POST', body: JSON.stringify(body)});

describe('simulator: results that fail', () => {
  it('async: a failed result is a data item with status "error" and an error object, beside the successes', async () => {
    const task = textTask({deliveryMethod: 'async', numberResults: 2});
    sim.script({failResults: [1], failCode: 'inferenceError', failMessage: 'one of N failed'});
    await post(sim, [task]);
    expect((await poll(task.taskUUID)).json.data.map((item: {status: string}) => item.status)).toEqual(['processing', 'processing']);
    const done = await poll(task.taskUUID);
    expect(done.status).toBe(200);
    expect(done.json.errors).toBeUndefined();
    expect(done.json.data[0]).toMatchObject({taskUUID: task.taskUUID, status: 'success', text: expect.any(String)});
    expect(done.json.data[1]).toEqual({
      taskType: 'textInference', taskUUID: task.taskUUID, status: 'error', error: {code: 'inferenceError', message: 'one of N failed'},
    });
  });

  it("async with failIn 'errors', and sync (errors by default): the failure in the errors array, successes in data", async () => {
    const task = textTask({deliveryMethod: 'async'});
    sim.script({failResults: [0], failIn: 'errors'});
    await post(sim, [task]);
    await poll(task.taskUUID);
    const done = await poll(task.taskUUID);
    expect(done.json).toEqual({data: [], errors: [expect.objectContaining({code: 'inferenceError', taskUUID: task.taskUUID})]});
    const sync = textTask({numberResults: 2});
    sim.script({failResults: [0]});
    const reply = await post(sim, [sync]);
    expect(reply.status).toBe(200);
    expect(reply.json.data).toHaveLength(1);
    expect(reply.json.data[0].text).toMatch(/\(variant 2\)$/);
    expect(firstError(reply)).toMatchObject({code: 'inferenceError', taskUUID: sync.taskUUID});
  });
});

describe('simulator: polls that list only finished results', () => {
  it('lists nothing while processing, then one more finished result per poll', async () => {
    const task = textTask({deliveryMethod: 'async', numberResults: 3});
    sim.script({listFinishedOnly: true});
    await post(sim, [task]);
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const reply = await poll(task.taskUUID);
      expect(reply.json.data.every((item: {status: string}) => item.status === 'success')).toBe(true);
      counts.push(reply.json.data.length);
    }
    expect(counts).toEqual([0, 1, 2, 3, 3]);
  });
});

describe('simulator: a held answer', () => {
  it('holdMs: nothing at all (not even headers) until the hold is over, then the whole answer; the taskUUID is used from the start', async () => {
    const task = textTask();
    sim.script({holdMs: 400, answer: 'Late.'});
    let headersAt = 0;
    const started = Date.now();
    const reply = await new Promise<string>((resolve, reject) => {
      const req = request(sim.url, {method: 'POST', headers: {Authorization: `Bearer ${sim.apiKey}`, 'Content-Type': 'application/json'}}, (res) => {
        headersAt = Date.now();
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end(JSON.stringify([task]));
    });
    // A lower bound only: the hold is what is checked, not the speed.
    expect(headersAt - started).toBeGreaterThanOrEqual(300);
    expect(JSON.parse(reply).data[0].text).toBe('Late.');
  });

  it('a task whose client left during the hold still counts as accepted: its taskUUID conflicts', async () => {
    const task = textTask();
    sim.script({holdMs: 300});
    await expect(fetch(sim.url, {
      method: 'POST',
      headers: {Authorization: `Bearer ${sim.apiKey}`, 'Content-Type': 'application/json'},
      body: JSON.stringify([task]),
      signal: AbortSignal.timeout(50),
    })).rejects.toThrow();
    expect(firstError(await post(sim, [task])).code).toBe('conflictTaskUUID');
  });
});

describe('simulator: stream shapes', () => {
  it('thought and deltaChars: the thought block opens the text, cut into pieces of k characters', async () => {
    sim.script({thought: 'Plan it.', answer: 'Done.', reasoning: '', deltaChars: 3});
    const events = naiveSse((await post(sim, [textTask({deliveryMethod: 'stream'})])).text) as Record<string, any>[];
    const texts = events.map((e) => e?.delta?.text).filter((t): t is string => typeof t === 'string');
    expect(texts.join('')).toBe('<|channel>thought\nPlan it.<channel|>Done.');
    expect(texts.slice(0, 4)).toEqual(['<|c', 'han', 'nel', '>th']);
    expect(texts.every((t) => [...t].length <= 3)).toBe(true);
    sim.script({thought: 'Plan it.', answer: 'Done.'});
    expect((await post(sim, [textTask()])).json.data[0].text).toBe('<|channel>thought\nPlan it.<channel|>Done.');
  });

  it('usageAfterFinish: usage and cost in an event of their own after the finishReason event, before [DONE]', async () => {
    sim.script({usageAfterFinish: true, answer: 'a b'});
    const events = naiveSse((await post(sim, [textTask({deliveryMethod: 'stream', includeUsage: true, includeCost: true})])).text) as Record<string, any>[];
    expect(events.at(-1)).toBe('[DONE]');
    const [final, accounting] = events.slice(-3, -1) as [Record<string, any>, Record<string, any>];
    expect(final).toMatchObject({delta: {}, finishReason: 'stop'});
    expect(final.usage).toBeUndefined();
    expect(final.cost).toBeUndefined();
    expect(accounting).toMatchObject({delta: {}, usage: {completionTokens: 2}, cost: expect.any(Number)});
    expect(accounting.finishReason).toBeUndefined();
    expect(joinDeltas(events)).toBe('a b');
  });
});

describe('simulator: script checks for the new fields', () => {
  it('rejects bad values', async () => {
    for (const bad of [{failResults: [5]}, {failResults: 1}, {failIn: 'body'}, {deltaChars: 0}, {holdMs: -1}, {listFinishedOnly: 'yes'}]) {
      expect((await control('script', bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await control('script', {failResults: [0, 1], failIn: 'data', deltaChars: 2, holdMs: 0, usageAfterFinish: true, thought: ''})).status).toBe(200);
  });
});
