import {describe, expect, it} from 'vitest';
import {findSetting, mistypedEnvWarnings} from '../../src/settings/find-setting.js';

const message = (name: string, options: {configurable?: boolean} = {}): string => {
  try {
    return `found ${findSetting(name, options).name}`;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('an unknown setting name', () => {
  it('gets one suggestion when a few edits away, in the style it was typed', () => {
    expect(message('temprature')).toBe('unknown setting "temprature"; did you mean temperature?');
    expect(message('temperatrue')).toBe('unknown setting "temperatrue"; did you mean temperature?');
    expect(message('maxTokns')).toBe('unknown setting "maxTokns"; did you mean maxTokens?');
    expect(message('max-tokns')).toBe('unknown setting "max-tokns"; did you mean max-tokens?');
    expect(message('--max-tokns')).toBe('unknown setting "--max-tokns"; did you mean --max-tokens?');
    // The start of exactly one setting's name.
    expect(message('thinking')).toBe('unknown setting "thinking"; did you mean thinkingLevel?');
  });

  it('gets the list of names instead when nothing is close, or two settings are equally close', () => {
    expect(message('colour')).toMatch(/^unknown setting "colour"; settings are: model, systemPrompt, temperature, /);
    expect(message('topq')).toMatch(/^unknown setting "topq"; settings are: /);
    // A flag-only setting is no config key, and is not suggested as one.
    expect(message('jsn', {configurable: true})).toMatch(/^unknown setting "jsn"; settings are: /);
    expect(message('jsn', {configurable: true})).not.toContain('json');
  });
});

describe('GEMMA_* variables', () => {
  it('warns of one close to a setting, naming the variable gemma reads', () => {
    expect(mistypedEnvWarnings({GEMMA_TEMPRATURE: '1', GEMMA_BASE_URL: 'x', GEMMA_COST: '1'})).toEqual([
      'warning: GEMMA_TEMPRATURE is not a setting, so it is ignored; did you mean GEMMA_TEMPERATURE?',
      'warning: GEMMA_BASE_URL is not a setting, so it is ignored; did you mean RUNWARE_BASE_URL?',
      'warning: GEMMA_COST is not a setting, so it is ignored; did you mean GEMMA_INCLUDE_COST?',
    ]);
  });

  it('is quiet about settings, gemma\'s other variables and names close to nothing', () => {
    expect(mistypedEnvWarnings({GEMMA_TEMPERATURE: '1', GEMMA_DATA_DIR: '/d', GEMMA_DEBUG: '1', GEMMA_WIDGETS: '3', PATH: '/bin'})).toEqual([]);
  });
});
