import {describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {firstError, post, textTask} from '../support/simulator-client.js';

const sim = useSimulator();

const settings = (s: Record<string, unknown>) => textTask({settings: s});

describe('transport', () => {
  it('rejects a missing or wrong key with 401 invalidApiKey', async () => {
    for (const headers of [{Authorization: 'Bearer wrong'}, {Authorization: ''}]) {
      const reply = await post(sim, [textTask()], {headers});
      expect(reply.status).toBe(401);
      expect(firstError(reply)).toMatchObject({code: 'invalidApiKey', message: 'Invalid API key. Get one at https://my.runware.ai/keys'});
    }
  });

  it('serves only POST /v1 (and /v1/)', async () => {
    expect((await post(sim, [textTask()], {path: '/chat'})).status).toBe(404);
    expect((await fetch(sim.url)).status).toBe(404);
    expect((await post(sim, [textTask()], {path: '/'})).status).toBe(200);
  });

  it('rejects bodies that are not a non-empty JSON array of objects, and non-JSON content types', async () => {
    for (const body of [textTask(), [], '[1]', '{not json', '"x"']) {
      const reply = await post(sim, body);
      expect(reply.status).toBe(400);
      expect(firstError(reply).code).toBe('invalidRequestBody');
    }
    expect((await post(sim, [textTask()], {headers: {'Content-Type': 'text/plain'}})).status).toBe(400);
  });

  it('records requests and flattens tasks', async () => {
    const [a, b] = [textTask(), textTask()];
    await post(sim, [a, b]);
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({method: 'POST', path: '/v1', body: [a, b]});
    expect(sim.requests[0]?.headers.authorization).toBe(`Bearer ${sim.apiKey}`);
    expect(sim.tasks()).toEqual([a, b]);
  });
});

describe('validation', () => {
  const rejects = async (task: Record<string, unknown>, code: string, parameter?: unknown) => {
    const reply = await post(sim, [task]);
    expect(reply.status, JSON.stringify(task)).toBe(400);
    expect(firstError(reply)).toMatchObject({code, taskType: 'textInference', taskUUID: task.taskUUID});
    if (parameter !== undefined) expect(firstError(reply).parameter).toEqual(parameter);
  };
  const accepts = async (task: Record<string, unknown>) => {
    const reply = await post(sim, [task]);
    expect(reply.status, reply.text).toBe(200);
  };

  it('rejects unknown fields at the top level (the obsolete flat shape), in settings, inputs and messages', async () => {
    await rejects(textTask({temperature: 0.5}), 'unsupportedParameter', 'temperature');
    await rejects(textTask({maxTokens: 5}), 'unsupportedParameter', 'maxTokens');
    await rejects(settings({temprature: 0.5}), 'unsupportedParameter', 'settings.temprature');
    await rejects(textTask({inputs: {audio: ['x']}}), 'unsupportedParameter', 'inputs.audio');
    await rejects(textTask({messages: [{role: 'user', content: 'x', name: 'me'}]}), 'unsupportedParameter', 'messages[0].name');
  });

  it('requires taskType, taskUUID (v4), model, messages', async () => {
    const {model: _model, ...noModel} = textTask();
    await rejects(noModel, 'missingParameter', 'model');
    await rejects(textTask({taskUUID: '6ba7b810-9dad-11d1-80b4-00c04fd430c8'}), 'invalidParameter', 'taskUUID');
    await rejects(textTask({model: 'google-gemma-4-31b'}), 'invalidModel', 'model');
    await rejects(textTask({messages: []}), 'invalidParameter', 'messages');
  });

  it('checks ranges, integers and the 0.01 step', async () => {
    await rejects(settings({temperature: 2.01}), 'invalidParameter', 'settings.temperature');
    await rejects(settings({temperature: 0.075}), 'invalidParameter', 'settings.temperature');
    await rejects(settings({topP: 1.01}), 'invalidParameter', 'settings.topP');
    await rejects(settings({presencePenalty: -2.01}), 'invalidParameter', 'settings.presencePenalty');
    await rejects(settings({topK: 1.5}), 'invalidParameter', 'settings.topK');
    await rejects(settings({topK: 101}), 'invalidParameter', 'settings.topK');
    await rejects(settings({maxTokens: 0}), 'invalidParameter', 'settings.maxTokens');
    await rejects(settings({thinkingLevel: 'medium'}), 'invalidParameter', 'settings.thinkingLevel');
    await rejects(settings({systemPrompt: ''}), 'invalidParameter', 'settings.systemPrompt');
    await rejects(settings({stopSequences: []}), 'invalidParameter', 'settings.stopSequences');
    await rejects(textTask({temperature: '0.5', settings: {}}), 'unsupportedParameter');
    await rejects(textTask({includeCost: 'yes'}), 'invalidParameter', 'includeCost');
    await rejects(textTask({outputFormat: 'JSON'}), 'invalidParameter', 'outputFormat');
    await rejects(textTask({webhookURL: 'ftp://example.com/x'}), 'invalidParameter', 'webhookURL');
    await rejects(textTask({inputs: {images: []}}), 'invalidParameter', 'inputs.images');
    await rejects(textTask({numberResults: 5}), 'invalidParameter', 'numberResults');
    await accepts(settings({temperature: 0.07, topP: 0.29, minP: 0, presencePenalty: -2, repetitionPenalty: 1.13, topK: 100}));
    await accepts(settings({frequencyPenalty: 2, thinkingLevel: 'low', stopSequences: ['\n\n'], maxTokens: 1}));
  });

  it('checks roles and that the last message is from the user', async () => {
    const m = (...roles: string[]) => textTask({messages: roles.map((role) => ({role, content: 'x'}))});
    await rejects(m('user', 'assistant'), 'invalidParameter', 'messages');
    await rejects(m('system', 'user'), 'invalidParameter', 'messages[0].role');
    await rejects(textTask({messages: [{role: 'user', content: 5}]}), 'invalidParameter', 'messages[0].content');
    await accepts(m('user', 'assistant', 'user'));
  });

  it('checks seed exactly on the raw JSON text', async () => {
    const withSeed = (literal: string) => {
      const task = textTask();
      return {task, raw: `[${JSON.stringify(task).slice(0, -1)},"seed":${literal}}]`};
    };
    const max = withSeed('9223372036854775807');
    const ok = await post(sim, max.raw);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('"seed":9223372036854775807');
    for (const literal of ['9223372036854775808', '1.5', '1e3', '-1', '"5"']) {
      const bad = withSeed(literal);
      const reply = await post(sim, bad.raw);
      expect(reply.status, literal).toBe(400);
      expect(firstError(reply)).toMatchObject({code: 'invalidParameter', parameter: 'seed', taskUUID: bad.task.taskUUID});
    }
  });

  it('rejects numberResults > 1 with stream, and a taskUUID already accepted (conflictTaskUUID)', async () => {
    await rejects(textTask({deliveryMethod: 'stream', numberResults: 2}), 'invalidParameter', ['numberResults', 'deliveryMethod']);
    const task = textTask();
    await accepts(task);
    await rejects(task, 'conflictTaskUUID', 'taskUUID');
    const twice = textTask();
    const reply = await post(sim, [twice, twice]);
    expect(reply.status).toBe(400);
    expect(firstError(reply)).toMatchObject({code: 'conflictTaskUUID', taskUUID: twice.taskUUID});
  });

  it('rejects an oversized inline image and an oversized body', async () => {
    const huge = `data:image/png;base64,${'A'.repeat(28 * 1024 * 1024)}`;
    await rejects(textTask({inputs: {images: [huge]}}), 'mediaTooLarge', 'inputs.images[0]');
    const {request} = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(sim.url, {method: 'POST', headers: {'Content-Length': String(200 * 1024 * 1024)}}, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('[');
    });
    expect(status).toBe(413);
  });
});

describe('sync results', () => {
  it('answers with text, finishReason, reasoning, seed; usage and cost only when asked', async () => {
    const plain = await post(sim, [textTask({messages: [{role: 'user', content: 'Ping?'}]})]);
    const item = plain.json.data[0];
    expect(item).toMatchObject({taskType: 'textInference', finishReason: 'stop'});
    expect(item.text).toMatch(/^You said: Ping\?\.\n\n.*\*\*Runware\*\*.*—/s);
    expect(typeof item.reasoningContent).toBe('string');
    expect(typeof item.seed).toBe('number');
    expect(item.usage).toBeUndefined();
    expect(item.cost).toBeUndefined();
    const full = await post(sim, [textTask({includeUsage: true, includeCost: true})]);
    const {usage, cost} = full.json.data[0];
    expect(usage.totalTokens).toBe(usage.promptTokens + usage.completionTokens + usage.thinkingTokens);
    expect(cost).toBeGreaterThan(0);
  });

  it('cuts at maxTokens (length) and before a stop sequence (stop)', async () => {
    sim.script({answer: 'one two three four five'}, {answer: 'one two STOP three'});
    const cut = await post(sim, [settings({maxTokens: 3})]);
    expect(cut.json.data[0]).toMatchObject({text: 'one two three ', finishReason: 'length'});
    const stopped = await post(sim, [settings({stopSequences: ['STOP']})]);
    expect(stopped.json.data[0]).toMatchObject({text: 'one two ', finishReason: 'stop'});
  });

  it('gives N different results with one taskUUID and a seed each, and exact token counts', async () => {
    sim.script({tokens: 7, reasoning: ''});
    const task = textTask({numberResults: 3, includeUsage: true});
    const reply = await post(sim, [task]);
    const items = reply.json.data as {taskUUID: string; text: string; seed: number; usage: {completionTokens: number}}[];
    expect(items).toHaveLength(3);
    expect(new Set(items.map((i) => i.taskUUID))).toEqual(new Set([task.taskUUID]));
    expect(new Set(items.map((i) => i.text)).size).toBe(3);
    expect(new Set(items.map((i) => i.seed)).size).toBe(3);
    expect(items[0]?.usage.completionTokens).toBe(9); // 7 words + "(variant 1)"
  });
});
