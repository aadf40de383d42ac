import {describe, expect, it} from 'vitest';
import {UsageError} from '../../src/errors.js';
import {findSetting} from '../../src/settings/find-setting.js';
import {parseSettingValue, parseSettingValues} from '../../src/settings/parse-setting-value.js';

const parse = (name: string, raw: string): unknown => parseSettingValue(findSetting(name), raw, `--${findSetting(name).flag}`);
const failure = (name: string, raw: string): string => {
  try {
    parse(name, raw);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`${name}=${raw} was accepted`);
};

describe('setting values', () => {
  it('accepts values inside every documented range', () => {
    expect(parse('temperature', '0')).toBe(0);
    expect(parse('temperature', '2')).toBe(2);
    expect(parse('temperature', '0.07')).toBe(0.07);
    expect(parse('top-p', '1')).toBe(1);
    expect(parse('min-p', '0.55')).toBe(0.55);
    expect(parse('top-k', '100')).toBe(100);
    expect(parse('max-tokens', '200')).toBe(200);
    expect(parse('presence-penalty', '-2')).toBe(-2);
    expect(parse('repetition-penalty', '1.99')).toBe(1.99);
    expect(parse('thinking-level', 'LOW')).toBe('low');
    expect(parse('number-results', '4')).toBe(4);
    expect(parse('delivery', 'async')).toBe('async');
    expect(parse('webhook-url', 'https://example.com/hook')).toBe('https://example.com/hook');
  });

  it('names the flag, the value and what is allowed when a value is out of range', () => {
    expect(failure('temperature', '3')).toBe('--temperature: "3" is out of range; allowed: a number from 0 to 2 in steps of 0.01');
    expect(failure('temperature', 'hot')).toContain('"hot" is not a number');
    expect(failure('temperature', '0.555')).toContain('has too many decimals');
    expect(failure('top-k', '0')).toBe('--top-k: "0" is out of range; allowed: a whole number from 1 to 100');
    expect(failure('top-k', '2.5')).toContain('is not a whole number');
    expect(failure('max-tokens', '0')).toContain('at least 1');
    expect(failure('presence-penalty', '-2.01')).toContain('from -2 to 2');
    expect(failure('frequency-penalty', '-0.1')).toContain('out of range');
    expect(failure('thinking-level', 'medium')).toBe('--thinking-level: "medium" is not allowed; allowed: "low" or "high"');
    expect(failure('number-results', '5')).toContain('from 1 to 4');
    expect(failure('delivery', 'batch')).toContain('"stream" or "sync" or "async"');
    expect(failure('webhook-url', 'ftp://x')).toContain('not an http(s) URL');
    expect(failure('base-url', 'not a url')).toContain('not a URL');
    expect(failure('system', '')).toContain('is empty');
    expect(failure('system', 'x'.repeat(50001))).toContain('50001 characters');
    expect(failure('timeout', '0')).toContain('out of range');
  });

  it('keeps a 19-digit seed exact and refuses one beyond 2^63-1', () => {
    expect(parse('seed', '9223372036854775807')).toBe('9223372036854775807');
    expect(parse('seed', '0')).toBe('0');
    expect(failure('seed', '9223372036854775808')).toContain('out of range');
    expect(failure('seed', '-1')).toContain('not a whole number');
    expect(failure('seed', '1e5')).toContain('not a whole number');
  });

  it('gathers repeated list values and refuses empty ones', () => {
    const def = findSetting('stopSequences');
    expect(parseSettingValues(def, ['###', 'END'], '--stop')).toEqual(['###', 'END']);
    expect(() => parseSettingValues(def, [''], '--stop')).toThrow('--stop: "" is empty');
    expect(() => parseSettingValues(def, [], 'stopSequences')).toThrow('needs at least one value');
    expect(() => parseSettingValues(findSetting('temperature'), ['1', '2'], 'temperature')).toThrow('takes one value, got 2');
  });

  it('finds settings by config name or flag, in any dash style', () => {
    expect(findSetting('max-tokens').name).toBe('maxTokens');
    expect(findSetting('MAX_TOKENS').name).toBe('maxTokens');
    expect(findSetting('--stop').name).toBe('stopSequences');
    expect(() => findSetting('json', {configurable: true})).toThrow(UsageError);
    expect(() => findSetting('temprature')).toThrow('unknown setting "temprature"; did you mean temperature?');
    expect(() => findSetting('xyz')).toThrow(/unknown setting "xyz"; settings are: model, systemPrompt/);
  });
});
