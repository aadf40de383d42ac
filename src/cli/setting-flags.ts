// fs.promises, not node:fs/promises: the getter loads it on first use; loading it costs every run ~1 ms.
import {promises as fsPromises} from 'node:fs';
import {Option, type Command} from 'commander';
import {UsageError} from '../errors.js';
import {parseSettingValues} from '../settings/parse-setting-value.js';
import type {SettingValue} from '../settings/setting-types.js';
import {SETTINGS} from '../settings/settings-table.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Adds one option per settings-table row (plus --system-file and --no-stream) to a command. */
export function addSettingFlags(command: Command): Command {
  for (const def of SETTINGS) {
    const names = `${def.short ? `-${def.short}, ` : ''}--${def.flag}${def.argument ? ` ${def.argument}` : ''}`;
    const option = new Option(names, def.help);
    if (def.kind.type === 'list') option.argParser(collect);
    command.addOption(option);
    if (def.kind.type === 'boolean' && !def.flagOnly) command.addOption(new Option(`--no-${def.flag}`).hideHelp());
  }
  command.addOption(new Option('--system-file <path>', 'read the system prompt from a file'));
  command.addOption(new Option('--no-stream', 'same as --delivery sync'));
  return command;
}

/** Validated flag values by setting name; throws a UsageError naming the flag and what is allowed. */
export async function readSettingFlags(opts: Record<string, unknown>): Promise<Map<string, SettingValue>> {
  const values = new Map<string, SettingValue>();
  for (const def of SETTINGS) {
    const raw = opts[new Option(`--${def.flag}`).attributeName()];
    if (raw === undefined) continue;
    const label = `--${def.flag}`;
    if (typeof raw === 'boolean') values.set(def.name, raw);
    else values.set(def.name, parseSettingValues(def, Array.isArray(raw) ? raw.map(String) : [String(raw)], label));
  }
  const systemFile = opts.systemFile;
  if (typeof systemFile === 'string') {
    if (values.has('systemPrompt')) throw new UsageError('--system and --system-file both given; allowed: one of them');
    values.set('systemPrompt', await readSystemFile(systemFile));
  }
  if (opts.stream === false) {
    const delivery = values.get('deliveryMethod');
    if (delivery !== undefined && delivery !== 'sync') {
      throw new UsageError(`--no-stream and --delivery ${String(delivery)} disagree; allowed: one of them`);
    }
    values.set('deliveryMethod', 'sync');
  }
  return values;
}

/**
 * The system prompt in a file, checked like --system but named by its path: quoting the text of
 * an empty or 50,000-character file would tell the user nothing. Binary or non-UTF-8 files are
 * refused rather than sent with U+FFFD, as stdin is.
 */
async function readSystemFile(path: string): Promise<string> {
  const kind = SETTINGS.find((def) => def.name === 'systemPrompt')?.kind;
  const [min, max] = kind?.type === 'text' ? [kind.minLength, kind.maxLength] : [1, Infinity];
  const refuse = (why: string): never => {
    throw new UsageError(`--system-file: "${path}"${why}; allowed: a UTF-8 text file of ${min} to ${max} characters`);
  };
  let bytes: Buffer;
  try {
    bytes = await fsPromises.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ' is not a file' : code === 'EACCES' ? ': permission denied' : `: cannot read it (${code ?? 'error'})`);
  }
  let text = '';
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    refuse(' is not UTF-8 text');
  }
  if (text.includes('\u0000')) refuse(' looks binary');
  if (text.length < min) refuse(' is empty');
  if (text.length > max) refuse(` holds ${text.length} characters`);
  return text;
}
