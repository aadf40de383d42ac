import {CHAT_DEFAULTS} from './chat-defaults.js';
import {describeAllowed} from './describe-allowed.js';
import {envName} from './env-name.js';
import {SETTINGS} from './settings-table.js';

function flagCell(flag: string, short: string | undefined, argument: string | undefined): string {
  const long = `--${flag}${argument ? ` ${argument}` : ''}`;
  return short ? `\`-${short}, ${long}\`` : `\`${long}\``;
}

/** docs/settings.md, generated from the table (`npm run docs`); a test fails when the file is stale. */
export function renderSettingsDoc(): string {
  const lines = [
    '# Settings reference',
    '',
    '<!-- Generated from src/settings/settings-table.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    'Every setting is a flag of `gemma ask` and `gemma chat`, an environment variable, and (unless marked',
    '"flag only") a config key for `gemma config set` and the chat command `/set`. Precedence:',
    'flag > role (`--role`, [context.md](context.md#roles)) > environment > config file > default. A setting',
    'is sent to the API only when you set it, except where "sent" says otherwise.',
    '',
    '| key | flag | env | allowed | default | sent as | what it does |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const def of SETTINGS) {
    const wire = def.wire ? `\`${def.wire.join('.')}\`${def.sendDefault ? ' (always)' : ''}` : 'not sent';
    const key = def.flagOnly ? `\`${def.name}\` (flag only)` : `\`${def.name}\``;
    const flags = def.kind.type === 'boolean' && !def.flagOnly ? `${flagCell(def.flag, def.short, undefined)}, \`--no-${def.flag}\`` : flagCell(def.flag, def.short, def.argument);
    const fallback = def.defaultValue === undefined ? '' : `\`${String(def.defaultValue)}\``;
    const cells = [key, flags, `\`${envName(def)}\``, describeAllowed(def.kind), fallback, wire, def.help];
    lines.push(`| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`);
  }
  lines.push(
    '',
    `\`gemma chat\` has its own defaults: ${Object.entries(CHAT_DEFAULTS).map(([name, value]) => `\`${name}\` \`${String(value)}\``).join(', ')}; each answer's footer shows its usage and cost (\`--no-usage\`, \`--no-cost\` turn them off).`,
    'Each flag\'s `--help` line shows what it accepts and its default for that command.',
    'Also: `--system-file <path>` reads the system prompt from a file; `--no-stream` is `--delivery sync`; `--raw` is `--render never`.',
    'With `--number-results` above 1 the default delivery becomes `sync` (the service cannot stream several results).',
    'Local `--image`/`--video` files are sent as data URIs with the media type read from their first bytes.',
    '',
  );
  return lines.join('\n');
}
