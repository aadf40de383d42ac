// fs.promises, not node:fs/promises: the getter loads it on first use; loading it costs every run ~1 ms.
import {promises as fsPromises} from 'node:fs';
import {Option, type Command} from 'commander';
import {UsageError} from '../errors.js';
import {flagHelp} from '../settings/describe-allowed.js';
import {parseSettingValues} from '../settings/parse-setting-value.js';
import type {FlagAlias, SettingDef, SettingValue} from '../settings/setting-types.js';
import {SETTINGS} from '../settings/settings-table.js';
import {fileErrorReason} from '../format/file-error.js';

/** Collects a repeatable option's values in the order given. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The option commander parses for a flag alias: `--system-file <path>`, `--no-stream`. */
function aliasOption(alias: FlagAlias): Option {
  switch (alias.type) {
    case 'file':
      return new Option(`--${alias.flag} ${alias.argument}`, alias.help);
    case 'negation':
      return new Option(`--no-${alias.flag}`, alias.help);
    case 'switch':
      return new Option(`--${alias.flag}`, alias.help);
  }
}

/**
 * Adds one option per settings-table row, then each row's alias (--system-file, --no-stream, --raw), to a
 * command. Its help shows each one's allowed values and its default for this command (`defaults`
 * are the command's own, as chat's usage and cost), and lists each switch's `--no-` form.
 */
export function addSettingFlags(command: Command, defaults: Readonly<Record<string, SettingValue>> = {}): Command {
  for (const def of SETTINGS) {
    const names = `${def.short ? `-${def.short}, ` : ''}--${def.flag}${def.argument ? ` ${def.argument}` : ''}`;
    const option = new Option(names, flagHelp(def, defaults));
    if (def.kind.type === 'list') option.argParser(collect);
    command.addOption(option);
    // Turns off what the config file or the environment (or the command's default) turned on.
    if (def.kind.type === 'boolean' && !def.flagOnly) command.addOption(new Option(`--no-${def.flag}`, `turn --${def.flag} off`));
  }
  for (const def of SETTINGS) if (def.alias) command.addOption(aliasOption(def.alias));
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
  for (const def of SETTINGS) {
    if (def.alias) await readAlias(def, def.alias, opts, values);
  }
  return values;
}

/** An alias given alongside its row's own flag: the same value agrees, another one is refused. */
async function readAlias(def: SettingDef, alias: FlagAlias, opts: Record<string, unknown>, values: Map<string, SettingValue>): Promise<void> {
  const raw = opts[aliasOption(alias).attributeName()];
  switch (alias.type) {
    case 'file':
      if (typeof raw !== 'string') return;
      if (values.has(def.name)) throw new UsageError(`--${def.flag} and --${alias.flag} both given; allowed: one of them`);
      values.set(def.name, await readTextFile(def, alias.flag, raw));
      return;
    case 'negation':
    case 'switch': {
      // --no-stream arrives as false, --raw as true; either stands for one value of the row.
      if (raw !== (alias.type === 'switch')) return;
      const given = values.get(def.name);
      if (given !== undefined && given !== alias.value) {
        throw new UsageError(`${aliasOption(alias).long} and --${def.flag} ${String(given)} disagree; allowed: one of them`);
      }
      values.set(def.name, alias.value);
      return;
    }
  }
}

/**
 * A text setting in a file (the system prompt), checked like its flag but named by its path:
 * quoting the text of an empty or 50,000-character file would tell the user nothing. Binary or
 * non-UTF-8 files are refused rather than sent with U+FFFD, as stdin is.
 */
async function readTextFile(def: SettingDef, flag: string, path: string): Promise<string> {
  const kind = def.kind;
  const [min, max] = kind.type === 'text' ? [kind.minLength, kind.maxLength] : [1, Infinity];
  const refuse = (why: string): never => {
    throw new UsageError(`--${flag}: "${path}"${why}; allowed: a UTF-8 text file of ${min} to ${max} characters`);
  };
  let bytes: Buffer;
  try {
    bytes = await fsPromises.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ' is not a file' : code === 'EACCES' ? ': permission denied' : `: cannot read it (${fileErrorReason(error)})`);
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
