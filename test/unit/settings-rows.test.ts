import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Command} from 'commander';
import {describe, expect, it} from 'vitest';
import {sessionHeader} from '../../src/chat/session-header.js';
import {addSettingFlags, readSettingFlags} from '../../src/cli/setting-flags.js';
import {resolveSettings} from '../../src/config/resolve-settings.js';
import {UsageError} from '../../src/errors.js';
import {findSetting} from '../../src/settings/find-setting.js';
import {SETTINGS} from '../../src/settings/settings-table.js';
import {showSetting} from '../../src/settings/show-setting.js';

/** The flag values a command line gives, through the same commander options gemma adds. */
async function flagsOf(args: string[]): Promise<Map<string, unknown>> {
  const command = addSettingFlags(new Command().exitOverride());
  command.parse(args, {from: 'user'});
  return readSettingFlags(command.opts());
}

async function refusal(args: string[]): Promise<string> {
  try {
    await flagsOf(args);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`${args.join(' ')} was accepted`);
}

describe('settings rows: wire hooks', () => {
  it('maps the model slug to its id and leaves sync delivery to the server', () => {
    const toWire = (name: string, value: string): unknown => findSetting(name).toWire?.(value);
    expect(toWire('model', ' Google-Gemma-4-31B ')).toBe('google:gemma@4-31b');
    expect(toWire('model', 'other:model@1')).toBe('other:model@1');
    expect(toWire('deliveryMethod', 'sync')).toBeUndefined();
    expect(toWire('deliveryMethod', 'async')).toBe('async');
    expect(toWire('deliveryMethod', 'stream')).toBe('stream');
  });

  it('marks the media rows, which are lists sent under inputs', () => {
    const media = SETTINGS.filter((def) => def.media).map((def) => [def.name, def.media, def.kind.type, def.wire?.join('.')]);
    expect(media).toEqual([['images', 'image', 'list', 'inputs.images'], ['videos', 'video', 'list', 'inputs.videos']]);
  });
});

describe('settings rows: flag aliases', () => {
  it('--no-stream is --delivery sync, agrees with it, and refuses another delivery', async () => {
    expect((await flagsOf(['--no-stream'])).get('deliveryMethod')).toBe('sync');
    expect((await flagsOf(['--no-stream', '--delivery', 'sync'])).get('deliveryMethod')).toBe('sync');
    expect(await refusal(['--no-stream', '--delivery', 'async'])).toBe('--no-stream and --delivery async disagree; allowed: one of them');
    expect((await flagsOf([])).has('deliveryMethod')).toBe(false);
  });

  it('--system-file reads the system prompt from a file, and not together with --system', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gemma-rows-')), 'system.txt');
    writeFileSync(file, 'You answer in French.\n');
    expect((await flagsOf(['--system-file', file])).get('systemPrompt')).toBe('You answer in French.\n');
    expect(await refusal(['-s', 'x', '--system-file', file])).toBe('--system and --system-file both given; allowed: one of them');
  });
});

describe('settings rows: the chat header and showing a value', () => {
  it('leaves the rows marked hiddenInHeader out of the header, and defaults', () => {
    const flags = new Map<string, string | number | boolean | string[]>([
      ['temperature', 0.7], ['showThinking', true],
      ['json', true], ['verbose', true], ['model', 'google-gemma-4-31b'], ['stopSequences', ['a', 'b']],
    ]);
    expect(sessionHeader(resolveSettings({flags}))).toBe('gemma · google:gemma@4-31b · temperature 0.7 · stopSequences "a","b"');
    // Usage and cost are settings like the others: shown when they differ from the command's
    // default (chat asks for both), so `chat --no-cost` says so and plain `chat` does not.
    const chatDefaults = {includeUsage: true, includeCost: true};
    expect(sessionHeader(resolveSettings({flags: new Map(), defaults: chatDefaults}), chatDefaults)).toBe('gemma · google:gemma@4-31b');
    expect(sessionHeader(resolveSettings({flags: new Map([['includeCost', false]]), defaults: chatDefaults}), chatDefaults)).toBe('gemma · google:gemma@4-31b · includeCost false');
  });

  it('shows a value with its source: unset, lists, long values and URL passwords', () => {
    expect(showSetting(undefined, {separator: ', '})).toEqual({value: '-', source: 'unset'});
    expect(showSetting({value: ['a', 'b'], source: 'config'}, {separator: ', '})).toEqual({value: '"a", "b"', source: 'config'});
    expect(showSetting({value: 'x'.repeat(41), source: 'flag'}, {separator: ', ', maxLength: 40}).value).toBe(`${'x'.repeat(37)}...`);
    expect(showSetting({value: 'x'.repeat(40), source: 'flag'}, {separator: ', ', maxLength: 40}).value).toBe('x'.repeat(40));
    const shown = showSetting({value: 'https://user:hunter2@proxy.example/v1', source: 'env'}, {separator: ', '});
    expect(shown.value).not.toContain('hunter2');
    expect(shown.source).toBe('env');
  });
});
