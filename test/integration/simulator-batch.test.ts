import {describe, expect, it} from 'vitest';
import {firstError, post, textTask} from '../support/simulator-client.js';
import {useSimulator} from '../support/use-simulator.js';

const limited = useSimulator({rateLimit: {requests: 3, windowMs: 1500}});

describe('simulator: the rate limit per key', () => {
  it('refuses a request over N per window with 429, rateLimitExceeded and Retry-After', async () => {
    const replies = [];
    for (let k = 0; k < 4; k++) replies.push(await post(limited, [textTask()]));
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 429]);
    const refused = replies[3];
    if (!refused) throw new Error('no reply');
    expect(firstError(refused)).toMatchObject({code: 'rateLimitExceeded'});
    expect(Number(refused.headers.get('retry-after'))).toBe(2);
    // The refused request does not count: after the window the key may send again.
    await new Promise((resolve) => setTimeout(resolve, 1550));
    expect((await post(limited, [textTask()])).status).toBe(200);
  });

  it('counts per key: a wrong key is 401, not a hit', async () => {
    for (let k = 0; k < 3; k++) await post(limited, [textTask()], {headers: {authorization: 'Bearer other-key'}});
    expect((await post(limited, [textTask()])).status).toBe(200);
  });
});

describe('simulator: latency and many tasks per request', () => {
  it('waits latencyMs (set by /__sim/default) before answering', async () => {
    limited.setDefault({latencyMs: 150});
    const started = Date.now();
    expect((await post(limited, [textTask()])).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('takes many async tasks in one body and answers many polls in one body', async () => {
    const tasks = [textTask({deliveryMethod: 'async'}), textTask({deliveryMethod: 'async'}), textTask({deliveryMethod: 'async'})];
    const submitted = await post(limited, tasks);
    expect(submitted.status).toBe(200);
    expect((submitted.json as {data: unknown[]}).data).toHaveLength(3);
    const polls = tasks.map((task) => ({taskType: 'getResponse', taskUUID: task.taskUUID}));
    await post(limited, polls);
    const answer = await post(limited, polls);
    const data = (answer.json as {data: {taskUUID: string; status: string}[]}).data;
    expect(data.map((item) => item.status)).toEqual(['success', 'success', 'success']);
    expect(data.map((item) => item.taskUUID)).toEqual(tasks.map((task) => task.taskUUID));
  });

  it('counts the requests answered at once', async () => {
    limited.setDefault({latencyMs: 100});
    await Promise.all([post(limited, [textTask()]), post(limited, [textTask()])]);
    expect(limited.maxConcurrent()).toBe(2);
  });
});
