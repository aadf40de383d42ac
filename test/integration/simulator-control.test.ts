import {createServer} from 'node:http';
import {describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {firstError, post, textTask} from '../support/simulator-client.js';

const sim = useSimulator({pollsUntilDone: 1});

const poll = (taskUUID: unknown, extra: Record<string, unknown> = {}) => post(sim, [{taskType: 'getResponse', taskUUID, ...extra}]);

describe('async delivery', () => {
  it('acknowledges at once, answers processing, then success with the sync fields', async () => {
    const task = textTask({deliveryMethod: 'async', numberResults: 2, includeUsage: true});
    const submit = await post(sim, [task]);
    expect(submit.json).toEqual({data: [{taskType: 'textInference', taskUUID: task.taskUUID}]});
    const first = await poll(task.taskUUID);
    expect(first.json.data).toEqual([
      {taskType: 'textInference', taskUUID: task.taskUUID, status: 'processing'},
      {taskType: 'textInference', taskUUID: task.taskUUID, status: 'processing'},
    ]);
    const second = await poll(task.taskUUID);
    expect(second.json.data).toHaveLength(2);
    expect(second.json.data[0]).toMatchObject({taskUUID: task.taskUUID, status: 'success', finishReason: 'stop'});
    expect(second.json.data[0].usage).toBeDefined();
  });

  it('validates polls: unknown taskUUID, unknown fields', async () => {
    const unknown = await poll('0b8e2a55-3d4e-4f7a-9b1c-2d3e4f5a6b7c');
    expect(unknown.status).toBe(400);
    expect(firstError(unknown)).toMatchObject({code: 'taskFailedOrNotFound', taskType: 'getResponse'});
    const task = textTask({deliveryMethod: 'async'});
    await post(sim, [task]);
    expect(firstError(await poll(task.taskUUID, {model: 'x'}))).toMatchObject({code: 'unsupportedParameter', parameter: 'model'});
  });

  it('a scripted error on a poll carries status "error"', async () => {
    const task = textTask({deliveryMethod: 'async'});
    await post(sim, [task]);
    sim.script({status: 500});
    const reply = await poll(task.taskUUID);
    expect(reply.status).toBe(500);
    expect(firstError(reply)).toMatchObject({code: 'internalServerError', status: 'error', taskUUID: task.taskUUID});
  });
});

describe('scripts', () => {
  it('a scripted 429 with Retry-After applies to one request only', async () => {
    sim.script({status: 429, retryAfter: 2});
    const limited = await post(sim, [textTask()]);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(firstError(limited).code).toBe('rateLimitExceeded');
    expect((await post(sim, [textTask()])).status).toBe(200);
  });

  it('the singular envelope, custom codes, and defaults merged under queued scripts', async () => {
    const task = textTask();
    sim.script({status: 402, envelope: 'error'});
    const reply = await post(sim, [task]);
    expect(reply.json).toEqual({error: {code: 'insufficientCredits', message: expect.any(String)}, taskUUID: task.taskUUID});
    sim.setDefault({answer: 'default answer'});
    sim.script({status: 503, code: 'busy', message: 'try later'}, {});
    expect(firstError(await post(sim, [textTask()]))).toMatchObject({code: 'busy', message: 'try later'});
    expect((await post(sim, [textTask()])).json.data[0].text).toBe('default answer');
    sim.reset();
    expect((await post(sim, [textTask()])).json.data[0].text).toMatch(/^You said/);
  });

  it("'drop' before headers fails the fetch; 'stall' keeps it waiting", async () => {
    sim.script({fault: 'drop'});
    await expect(post(sim, [textTask()])).rejects.toThrow();
    sim.script({fault: 'drop', afterEvents: 1});
    await expect(post(sim, [textTask()])).rejects.toThrow();
    sim.script({fault: 'stall'});
    const stalled = fetch(sim.url, {method: 'POST', body: '[]', signal: AbortSignal.timeout(300)});
    await expect(stalled).rejects.toThrow(/abort|timeout/i);
    expect((await post(sim, [textTask()])).status).toBe(200);
  });

  it('POSTs each finished result to webhookURL', async () => {
    const received: unknown[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const address = hook.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const task = textTask({numberResults: 2, webhookURL: `http://127.0.0.1:${port}/hook?token=t`});
    await post(sim, [task]);
    await expect.poll(() => received.length).toBe(2);
    expect(received[0]).toMatchObject({data: [{taskUUID: task.taskUUID, text: expect.any(String)}]});
    await new Promise((resolve) => hook.close(resolve));
  });
});

describe('control endpoints over HTTP', () => {
  const control = (path: string, body?: unknown) =>
    fetch(sim.url.replace(/\/v1$/, `/__sim/${path}`), body === undefined ? {} : {method: 'POST', body: JSON.stringify(body)});

  it('queue scripts, set a default, list requests, reset', async () => {
    expect((await control('script', [{status: 500}, {answer: 'second'}])).status).toBe(200);
    expect((await post(sim, [textTask()])).status).toBe(500);
    expect((await post(sim, [textTask()])).json.data[0].text).toBe('second');
    expect((await control('default', {tokens: 2})).status).toBe(200);
    expect((await post(sim, [textTask()])).json.data[0].text).toBe('alpha beta');
    const requests = (await (await control('requests')).json()) as {path: string; body: unknown}[];
    expect(requests).toHaveLength(3);
    expect(requests[0]?.path).toBe('/v1');
    expect((await control('reset', {})).status).toBe(200);
    expect(sim.requests).toHaveLength(0);
    expect((await post(sim, [textTask()])).json.data[0].text).toMatch(/^You said/);
  });

  it('rejects malformed scripts', async () => {
    expect((await control('script', {fault: 'explode'})).status).toBe(400);
    expect((await control('script', {statu: 500})).status).toBe(400);
    expect((await control('nothing', {})).status).toBe(404);
  });
});
