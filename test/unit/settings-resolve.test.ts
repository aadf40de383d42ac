import {describe, expect, it} from 'vitest';
import {resolveSettings} from '../../src/config/resolve-settings.js';
import {ConfigError, UsageError} from '../../src/errors.js';

describe('settings precedence', () => {
  it('takes flag over env over config over default, and says where each came from', () => {
    const settings = resolveSettings({
      flags: new Map([['temperature', 0.2]]),
      env: {GEMMA_TEMPERATURE: '0.5', GEMMA_TOP_K: '7', RUNWARE_BASE_URL: 'http://127.0.0.1:9/v1'},
      stored: {temperature: 0.9, topK: 50, maxTokens: 300},
    });
    expect(settings.get('temperature')).toEqual({value: 0.2, source: 'flag'});
    expect(settings.get('topK')).toEqual({value: 7, source: 'env'});
    expect(settings.get('maxTokens')).toEqual({value: 300, source: 'config'});
    expect(settings.get('baseUrl')).toEqual({value: 'http://127.0.0.1:9/v1', source: 'env'});
    expect(settings.get('deliveryMethod')).toEqual({value: 'stream', source: 'default'});
    expect(settings.has('seed')).toBe(false);
  });

  it('lets a command replace a default (chat asks for usage)', () => {
    const settings = resolveSettings({defaults: {includeUsage: true}});
    expect(settings.get('includeUsage')).toEqual({value: true, source: 'default'});
  });

  it('validates env values like flags, naming the variable', () => {
    expect(() => resolveSettings({env: {GEMMA_TOP_P: '1.5'}})).toThrow(UsageError);
    expect(() => resolveSettings({env: {GEMMA_TOP_P: '1.5'}})).toThrow('GEMMA_TOP_P: "1.5" is out of range');
    expect(resolveSettings({env: {GEMMA_STOP_SEQUENCES: '["a","b"]'}}).get('stopSequences')?.value).toEqual(['a', 'b']);
  });

  it('refuses a hand-edited config value out of range, naming the file and key', () => {
    const resolve = (): unknown => resolveSettings({stored: {temperature: 7}, storedPath: '/tmp/x/config.json'});
    expect(resolve).toThrow(ConfigError);
    expect(resolve).toThrow('config file /tmp/x/config.json: temperature: "7" is out of range');
  });

  it('ignores flag-only keys found in the config file', () => {
    expect(resolveSettings({stored: {json: true}}).get('json')).toEqual({value: false, source: 'default'});
  });
});
