import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {renderSettingsDoc} from '../../src/settings/settings-doc.js';
import {SETTINGS} from '../../src/settings/settings-table.js';

describe('docs/settings.md', () => {
  it('is the table as generated now (run `npm run docs` after changing a row)', () => {
    expect(readFileSync(new URL('../../docs/settings.md', import.meta.url), 'utf8')).toBe(renderSettingsDoc());
  });

  it('has a row for every setting', () => {
    const doc = renderSettingsDoc();
    for (const def of SETTINGS) expect(doc).toContain(`--${def.flag}`);
  });
});
