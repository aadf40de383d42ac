import {describe, expect, it} from 'vitest';
import {resolveSettings} from '../../src/config/resolve-settings.js';
import {GemmaError} from '../../src/errors.js';
import {ResolvedSettings} from '../../src/settings/resolved-settings.js';

const settings = resolveSettings({
  flags: new Map<string, string | number | boolean | string[]>([
    ['temperature', 0.7],
    ['topK', 40],
    ['seed', '9223372036854775807'],
    ['stopSequences', ['END', '##']],
    ['includeUsage', true],
    ['webhookURL', 'https://hooks.example/done'],
  ]),
});

describe('resolved settings: typed accessors', () => {
  it('reads each kind of row with its own accessor', () => {
    expect(settings.number('temperature')).toBe(0.7);
    expect(settings.number('topK')).toBe(40);
    expect(settings.number('timeout')).toBe(60);
    expect(settings.string('seed')).toBe('9223372036854775807');
    expect(settings.string('deliveryMethod')).toBe('stream');
    expect(settings.string('webhookURL')).toBe('https://hooks.example/done');
    expect(settings.string('model')).toBe('google:gemma@4-31b');
    expect(settings.boolean('includeUsage')).toBe(true);
    expect(settings.boolean('includeCost')).toBe(false);
    expect(settings.list('stopSequences')).toEqual(['END', '##']);
  });

  it('says "not set" in each accessor\'s own way', () => {
    const none = resolveSettings({});
    expect(none.number('maxTokens')).toBeUndefined();
    expect(none.string('systemPrompt')).toBeUndefined();
    expect(none.list('images')).toEqual([]);
    expect(none.has('seed')).toBe(false);
  });

  // The compiler refuses these (each @ts-expect-error fails typecheck if it does not); names that
  // come as plain strings meet the same check at run time.
  it('throws a programming error (not a user-facing one) when a setting is read with the wrong accessor', () => {
    const misuse = (read: () => unknown): Error => {
      try {
        read();
      } catch (error) {
        expect(error).not.toBeInstanceOf(GemmaError);
        return error as Error;
      }
      throw new Error('the wrong accessor was allowed');
    };
    // @ts-expect-error: the wrong accessor for this row
    expect(misuse(() => settings.string('temperature')).message).toBe('setting temperature is number, read it with .number(), not .string()');
    // @ts-expect-error: the wrong accessor for this row
    expect(misuse(() => settings.number('seed')).message).toBe('setting seed is big-integer, read it with .string(), not .number()');
    // @ts-expect-error: the wrong accessor for this row
    expect(misuse(() => settings.boolean('model')).message).toBe('setting model is text, read it with .string(), not .boolean()');
    // @ts-expect-error: the wrong accessor for this row
    expect(misuse(() => settings.list('includeUsage')).message).toBe('setting includeUsage is boolean, read it with .boolean(), not .list()');
    // @ts-expect-error: not a setting at all
    expect(misuse(() => settings.number('temprature')).message).toBe('no setting named temprature in the settings table');
    expect(() => new ResolvedSettings([['nope', {value: 1, source: 'flag'}]])).toThrow('no setting named nope');
  });

  it('keeps entries in table order with their sources, and with() changes only the copy', () => {
    const changed = settings.with('deliveryMethod', {value: 'sync', source: 'default'});
    expect(changed.string('deliveryMethod')).toBe('sync');
    expect(settings.get('deliveryMethod')).toEqual({value: 'stream', source: 'default'});
    expect([...settings].slice(0, 3)).toEqual([
      ['model', {value: 'google:gemma@4-31b', source: 'default'}],
      ['temperature', {value: 0.7, source: 'flag'}],
      ['minP', {value: 0, source: 'default'}],
    ]);
  });
});
