import {writeFileSync} from 'node:fs';
import {renderSettingsDoc} from '../src/settings/settings-doc.js';

writeFileSync(new URL('../docs/settings.md', import.meta.url), renderSettingsDoc());
process.stderr.write('wrote docs/settings.md\n');
