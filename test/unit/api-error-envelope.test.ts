import {describe, expect, it} from 'vitest';
import {ApiError, ProtocolError} from '../../src/errors.js';
import {apiErrorFromResponse, apiErrorFromWire, wireErrorsOf} from '../../src/api/wire/error-envelope.js';
import {parseRetryAfter} from '../../src/api/wire/error-envelope.js';
import {answerForTask} from '../../src/api/wire/results.js';

const KEY = 'rw-secret-key-0123456789';

describe('apiErrorFromResponse', () => {
  it('reads the plural envelope into one line with the code', () => {
    const bodyText = JSON.stringify({
      errors: [{code: 'invalidTemperature', message: 'Invalid value for\ntemperature.', parameter: 'settings.temperature'}],
    });
    const error = apiErrorFromResponse({status: 400, headers: {}, bodyText});
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('Invalid value for temperature. (invalidTemperature)');
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalidTemperature');
    expect(error.parameter).toBe('settings.temperature');
    expect(error.exitCode).toBe(1);
  });

  it('reads the singular envelope', () => {
    const bodyText = JSON.stringify({error: {code: 'invalidApiKey', message: 'Invalid API key.'}, taskUUID: 'abc'});
    const error = apiErrorFromResponse({status: 401, headers: {}, bodyText});
    expect(error.message).toBe('Invalid API key. (invalidApiKey)');
    expect(error.hint).toBe('set RUNWARE_API_KEY or run `gemma auth login`');
    expect(wireErrorsOf(JSON.parse(bodyText))[0]?.taskUUID).toBe('abc');
  });

  it('gives hints for a bad key (by code too) and for missing credits', () => {
    const byCode = apiErrorFromWire([{code: 'invalidApiKey', message: 'no'}], 403);
    expect(byCode.hint).toContain('RUNWARE_API_KEY');
    expect(apiErrorFromWire([{code: 'insufficientCredits', message: 'Top up'}], 402).hint).toContain('credits');
  });

  it('joins an array parameter and counts further errors', () => {
    const error = apiErrorFromWire(
      [
        {code: 'a', message: 'first', parameter: ['settings.topK', 'settings.topP']},
        {code: 'b', message: 'second'},
      ],
      400,
    );
    expect(error.message).toBe('first (a) (+1 more)');
    expect(error.parameter).toBe('settings.topK, settings.topP');
  });

  it('takes Retry-After in seconds and as an HTTP date', () => {
    const bodyText = '{"errors":[{"code":"rateLimitExceeded","message":"Slow down."}]}';
    expect(apiErrorFromResponse({status: 429, headers: {'retry-after': '3'}, bodyText}).retryAfterMs).toBe(3000);
    const date = new Date(Date.now() + 120_000).toUTCString();
    const fromDate = apiErrorFromResponse({status: 429, headers: {'retry-after': date}, bodyText}).retryAfterMs;
    expect(fromDate).toBeGreaterThan(115_000);
    expect(fromDate).toBeLessThanOrEqual(120_000);
  });

  it('falls back to the status for a body that is not JSON', () => {
    const error = apiErrorFromResponse({status: 502, headers: {}, bodyText: '<html>Bad Gateway</html>'});
    expect(error.message).toBe('the server answered HTTP 502 Bad Gateway');
    expect(error.code).toBe('http502');
    expect(apiErrorFromResponse({status: 500, headers: {}, bodyText: '{"data":[]}'}).message).toContain('HTTP 500');
  });

  it('never lets the key into the message or parameter', () => {
    const bodyText = JSON.stringify({errors: [{code: 'invalidApiKey', message: `Key ${KEY} is not valid`, parameter: KEY}]});
    const headers = {authorization: `Bearer ${KEY}`, 'x-echo': KEY};
    const error = apiErrorFromResponse({status: 401, headers, bodyText}, KEY);
    expect(JSON.stringify({m: error.message, p: error.parameter, h: error.hint, s: String(error)})).not.toContain(KEY);
    expect(error.message).toBe('Key *** is not valid (invalidApiKey)');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads seconds, dates, and nothing else', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter(['7', '9'], now)).toBe(7000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('answerForTask (partial failures)', () => {
  const ok = (taskUUID: string, text: string): Record<string, unknown> => ({taskType: 'textInference', taskUUID, text});

  it('matches by taskUUID, not by order', () => {
    const body = {data: [ok('other', 'not mine'), ok('mine', 'A'), ok('mine', 'B')]};
    expect(answerForTask(body, 'mine').items.map((item) => item.text)).toEqual(['A', 'B']);
  });

  it('fails the whole task when one of its results failed, in errors or as a data item with status "error"', () => {
    const beside = {data: [ok('mine', 'A')], errors: [{code: 'x', message: 'one result failed', taskUUID: 'mine'}]};
    expect(() => answerForTask(beside, 'mine')).toThrow('one result failed (x)');
    const inData = {data: [{...ok('mine', 'A'), status: 'success'}, {taskUUID: 'mine', status: 'error', error: {code: 'inferenceError', message: 'one of N failed'}}]};
    expect(() => answerForTask(inData, 'mine')).toThrow(new ApiError('one of N failed (inferenceError)', {status: 200, code: 'inferenceError'}));
    expect(() => answerForTask({data: [{taskUUID: 'mine', status: 'error'}]}, 'mine')).toThrow('a result of the task failed');
    expect(answerForTask({data: [{taskUUID: 'other', status: 'error', error: {code: 'x', message: 'y'}}]}, 'mine').items).toEqual([]);
  });

  it('throws when the task failed entirely, even beside other tasks results', () => {
    const body = {data: [ok('other', 'fine')], errors: [{code: 'boom', message: 'Failed.', taskUUID: 'mine'}]};
    expect(() => answerForTask(body, 'mine')).toThrow('Failed. (boom)');
    expect(() => answerForTask({error: {code: 'c', message: 'm'}, taskUUID: 'mine'}, 'mine')).toThrow(ApiError);
  });

  it('ignores errors of other tasks and rejects a body with neither data nor errors', () => {
    const body = {data: [ok('mine', 'A')], errors: [{code: 'boom', message: 'x', taskUUID: 'other'}]};
    expect(answerForTask(body, 'mine').items).toHaveLength(1);
    expect(() => answerForTask({hello: 1}, 'mine')).toThrow(ProtocolError);
  });
});
