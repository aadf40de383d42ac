import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {serializeTasks} from '../../src/api/wire/json.js';
import {resolveSettings} from '../../src/config/resolve-settings.js';
import {UsageError} from '../../src/errors.js';
import {buildTask} from '../../src/request/build-task.js';
import type {SettingValue} from '../../src/settings/setting-types.js';

const messages = [{role: 'user' as const, content: 'hi'}];
const build = (flags: Record<string, SettingValue>, stored: Record<string, unknown> = {}) =>
  buildTask(resolveSettings({flags: new Map(Object.entries(flags)), stored}), messages);

describe('request building', () => {
  it('sends only what was set, plus the model and stream delivery', async () => {
    const task = await build({});
    expect(Object.keys(task).sort()).toEqual(['deliveryMethod', 'messages', 'model', 'taskType', 'taskUUID']);
    expect(task.model).toBe('google:gemma@4-31b');
    expect(task.deliveryMethod).toBe('stream');
    expect(task.taskUUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('puts sampling fields under settings and the rest at the top', async () => {
    const task = await build({temperature: 0.3, maxTokens: 20, stopSequences: ['###'], thinkingLevel: 'low', includeCost: true, numberResults: 2, webhookURL: 'https://h.example/x'}, {topK: 5});
    expect(task.settings).toEqual({temperature: 0.3, maxTokens: 20, stopSequences: ['###'], thinkingLevel: 'low', topK: 5});
    expect(task.includeCost).toBe(true);
    expect(task.numberResults).toBe(2);
    expect(task.webhookURL).toBe('https://h.example/x');
    expect(task.deliveryMethod).toBeUndefined();
    expect(task).not.toHaveProperty('temperature');
  });

  it('maps the docs slug to the model id', async () => {
    expect((await build({model: 'google-gemma-4-31b'})).model).toBe('google:gemma@4-31b');
    expect((await build({model: 'other:model@1'})).model).toBe('other:model@1');
  });

  it('keeps a 19-digit seed exact on the wire', async () => {
    const task = await build({seed: '9223372036854775807'});
    expect(serializeTasks([task])).toContain('"seed":9223372036854775807');
  });

  it('refuses to stream several results when stream was asked for', async () => {
    await expect(build({numberResults: 3, deliveryMethod: 'stream'})).rejects.toThrow(UsageError);
    await expect(build({numberResults: 3, deliveryMethod: 'stream'})).rejects.toThrow('--number-results 3 cannot be streamed');
    expect((await build({numberResults: 3, deliveryMethod: 'async'})).deliveryMethod).toBe('async');
  });

  it('sends local images as data URIs with the type read from their bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gemma-media-'));
    const png = join(dir, 'shot.dat');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    const task = await build({images: [png, 'https://example.com/a.jpg']});
    expect(task.inputs?.images?.[0]).toBe(`data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64')}`);
    expect(task.inputs?.images?.[1]).toBe('https://example.com/a.jpg');
    await expect(build({images: [join(dir, 'missing.png')]})).rejects.toThrow(/--image: ".*missing.png": no such file/);
    await expect(build({videos: [png]})).rejects.toThrow('is not a recognised video file (it looks like image/png)');
  });
});
