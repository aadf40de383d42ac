import {describe, expect, it} from 'vitest';
import {UsageError} from '../../src/errors.js';
import {parseResponseJson} from '../../src/api/wire/json.js';
import {serializeTasks} from '../../src/api/wire/json.js';
import type {TextInferenceTask} from '../../src/api/types.js';

const task: TextInferenceTask = {
  taskType: 'textInference',
  taskUUID: '2b1c3d4e-5f60-4a71-8b92-a3b4c5d6e7f8',
  model: 'google:gemma@4-31b',
  messages: [{role: 'user', content: 'say "seed": 1 please'}],
};

describe('serializeTasks', () => {
  it('writes a 19-digit seed verbatim, as a bare integer', () => {
    const text = serializeTasks([{...task, seed: '9223372036854775807'}]);
    expect(text).toContain('"seed":9223372036854775807');
    expect(text).not.toContain('"9223372036854775807"');
    expect(text.startsWith('[{') && text.endsWith('}]')).toBe(true);
  });

  it('keeps the rest of the task identical to JSON.stringify', () => {
    const text = serializeTasks([{...task, seed: '42', settings: {temperature: 0.7}}]);
    const parsed = JSON.parse(text) as Record<string, unknown>[];
    expect(parsed[0]).toEqual({...task, seed: 42, settings: {temperature: 0.7}});
  });

  it('writes no seed field when there is no seed', () => {
    expect(serializeTasks([task])).toBe(JSON.stringify([task]));
    const parsed = JSON.parse(serializeTasks([{...task, seed: undefined}])) as object[];
    expect(parsed[0]).not.toHaveProperty('seed');
  });

  it('handles several tasks and a task holding only a seed', () => {
    expect(serializeTasks([{seed: '0'}, {taskType: 'getResponse'}])).toBe('[{"seed":0},{"taskType":"getResponse"}]');
  });

  it('refuses a seed that is not a whole number', () => {
    expect(() => serializeTasks([{...task, seed: '1e3'}])).toThrow(UsageError);
    expect(() => serializeTasks([{...task, seed: '-1'}])).toThrow(UsageError);
    expect(() => serializeTasks([{...task, seed: '12"}'}])).toThrow(UsageError);
  });
});

describe('parseResponseJson', () => {
  it('keeps a large seed exact as a string', () => {
    const body = parseResponseJson('{"data":[{"seed": 9223372036854775807,"text":"a \\"seed\\": 5"}]}') as {
      data: {seed: string; text: string}[];
    };
    expect(body.data[0]?.seed).toBe('9223372036854775807');
    expect(body.data[0]?.text).toBe('a "seed": 5');
  });

  it('leaves "seed" inside strings and non-integer seeds alone', () => {
    expect(parseResponseJson('{"text":"\\"seed\\":12","seed":1.5}')).toEqual({text: '"seed":12', seed: 1.5});
    expect(parseResponseJson('["seed", {"x":"seed"}]')).toEqual(['seed', {x: 'seed'}]);
  });
});
