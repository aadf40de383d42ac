import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {renderSettingsDoc} from '../../src/settings/settings-doc.js';
import {SETTINGS} from '../../src/settings/settings-table.js';
import {CHAT_DEFAULTS} from '../../src/settings/chat-defaults.js';
import {flagHelp} from '../../src/settings/describe-allowed.js';
import {findSetting} from '../../src/settings/find-setting.js';

describe('docs/settings.md', () => {
  it('is the table as generated now (run `npm run docs` after changing a row)', () => {
    expect(readFileSync(new URL('../../docs/settings.md', import.meta.url), 'utf8')).toBe(renderSettingsDoc());
  });

  it('has a row for every setting', () => {
    const doc = renderSettingsDoc();
    for (const def of SETTINGS) expect(doc).toContain(`--${def.flag}`);
  });

  it("states chat's own defaults for usage and cost, where the table says false", () => {
    expect(renderSettingsDoc()).toContain("`gemma chat` has its own defaults: `includeUsage` `true`, `includeCost` `true`; each answer's footer shows its usage and cost");
  });
});

describe('a flag\'s --help line', () => {
  it('adds what it accepts and the default of that command', () => {
    expect(flagHelp(findSetting('thinkingLevel'))).toBe('depth of reasoning (low|high, default high)');
    expect(flagHelp(findSetting('maxTokens'))).toBe('most tokens to generate (1 or more)');
    expect(flagHelp(findSetting('includeCost'), CHAT_DEFAULTS)).toMatch(/ \(default on\)$/);
    expect(flagHelp(findSetting('includeCost'))).toMatch(/ \(default off\)$/);
    // Nothing to add to a text setting without a default, or to --json.
    expect(flagHelp(findSetting('systemPrompt'))).toBe(findSetting('systemPrompt').help);
    expect(flagHelp(findSetting('json'))).toBe(findSetting('json').help);
  });
});
