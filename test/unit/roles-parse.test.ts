import * as yaml from 'yaml';
import {describe, expect, it} from 'vitest';
import {UsageError} from '../../src/errors.js';
import {parseRole} from '../../src/roles/parse-role.js';
import {findSetting} from '../../src/settings/find-setting.js';
import {parseSettingValues} from '../../src/settings/parse-setting-value.js';

const parse = (text: string) => parseRole(text, 'roles/t.md', yaml);

/** The message `parse` throws, or a failure when it does not throw a UsageError. */
function refusal(text: string): string {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('parsed without complaint');
}

/** What `gemma config set KEY VALUE...` says of the same value. */
function configSetSays(key: string, values: string[]): string {
  const def = findSetting(key, {configurable: true});
  try {
    parseSettingValues(def, values, def.name);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('config set would accept it');
}

describe('a role file', () => {
  it('is front matter of settings by config name, and a body that is the system prompt', () => {
    const role = parse([
      '---',
      'description: terse reviewer',
      'temperature: 0.2',
      'max-tokens: 400',
      'stopSequences: ["###", END]',
      'thinkingLevel: low',
      'whenPiped: no fences',
      '---',
      '',
      'You review code.',
      'Say what is wrong first.',
      '',
    ].join('\n'));
    expect(role.description).toBe('terse reviewer');
    expect(role.whenPiped).toBe('no fences');
    expect([...role.values]).toEqual([
      ['temperature', 0.2],
      ['maxTokens', 400],
      ['stopSequences', ['###', 'END']],
      ['thinkingLevel', 'low'],
      ['systemPrompt', 'You review code.\nSay what is wrong first.'],
    ]);
  });

  it('without front matter is all system prompt; CRLF and a BOM are read as plain lines', () => {
    expect([...parse('Be brief.\n').values]).toEqual([['systemPrompt', 'Be brief.']]);
    const role = parse('\uFEFF---\r\ntopK: 5\r\n---\r\nBe brief.\r\n');
    expect([...role.values]).toEqual([['topK', 5], ['systemPrompt', 'Be brief.']]);
  });

  it('keeps every digit of a large whole number, as config set does', () => {
    expect(parse('---\nseed: 9223372036854775807\n---\n').values.get('seed')).toBe('9223372036854775807');
  });

  it('may set settings only, with an empty body: then no system prompt is sent', () => {
    expect([...parse('---\ntemperature: 1\n---\n').values]).toEqual([['temperature', 1]]);
  });
});

describe('a mistake in a role file names the file and the line', () => {
  it('checks each value exactly as config set does', () => {
    expect(refusal('---\ndescription: x\ntemperature: 5\n---\nhi')).toBe(`roles/t.md:3: ${configSetSays('temperature', ['5'])}`);
    expect(refusal('---\nthinkingLevel: medium\n---\nhi')).toBe(`roles/t.md:2: ${configSetSays('thinkingLevel', ['medium'])}`);
    expect(refusal('---\n\n\ntopK: 1.5\n---\nhi')).toBe(`roles/t.md:4: ${configSetSays('topK', ['1.5'])}`);
    expect(refusal('---\nseed: -1\n---\n')).toBe(`roles/t.md:2: ${configSetSays('seed', ['-1'])}`);
  });

  it('names an unknown key as config set does, with the closest setting', () => {
    expect(refusal('---\ntemprature: 0.2\n---\nhi')).toBe('roles/t.md:2: unknown setting "temprature"; did you mean temperature?');
    expect(refusal('---\njson: true\n---\nhi')).toMatch(/^roles\/t\.md:2: unknown setting "json"; settings are: model, .*; a role also takes description and whenPiped$/);
  });

  it('refuses YAML that does not parse, at its line', () => {
    expect(refusal('---\ndescription: x\ntemperature: 0.2\nfoo: bar: baz\n---\nhi')).toBe('roles/t.md:4: Nested mappings are not allowed in compact mappings');
    expect(refusal('---\ntemperature: 0.2\ntemperature: 0.3\n---\n')).toBe('roles/t.md:3: Map keys must be unique');
  });

  it('refuses front matter that never closes, a nested value, and a systemPrompt key beside the body', () => {
    expect(refusal('---\ntemperature: 0.2\nhi')).toBe('roles/t.md:1: the front matter has no closing ---; allowed: a line --- before and after the settings');
    expect(refusal('---\ntemperature:\n  a: 1\n---\n')).toBe('roles/t.md:2: temperature: takes a value or a list of values, not a map');
    expect(refusal('---\nsystemPrompt: be brief\n---\n')).toBe('roles/t.md:2: systemPrompt: the body of the file (after the front matter) is the system prompt');
    expect(refusal('---\ndescription: [a, b]\n---\n')).toBe('roles/t.md:2: description: must be text');
    expect(refusal('---\n\njust a sentence\n---\n')).toBe('roles/t.md:3: the front matter is not a list of `key: value` lines');
  });

  it('refuses a body over the system prompt\'s limit, naming the line it starts on', () => {
    expect(refusal(`---\ntopK: 3\n---\n${'p'.repeat(50_001)}`)).toBe('roles/t.md:4: the body (the system prompt) is 50001 characters long; allowed: text of 1 to 50000 characters');
  });
});
