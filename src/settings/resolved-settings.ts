import type {SettingDef, SettingKind, SettingValue} from './setting-types.js';
import {SETTINGS, type SettingNameOf} from './settings-table.js';

export type SettingSource = 'flag' | 'role' | 'env' | 'config' | 'session' | 'default';
export interface ResolvedSetting {
  value: SettingValue;
  source: SettingSource;
  /** With source `role`: which role set it. */
  role?: string;
}

const rows = new Map<string, SettingDef>(SETTINGS.map((def) => [def.name, def]));

/** Which accessor reads each kind; asking another one is a bug in the caller, not bad input. */
const ACCESSOR: Record<SettingKind['type'], 'number' | 'string' | 'boolean' | 'list'> = {
  'number': 'number',
  'integer': 'number',
  'big-integer': 'string',
  'enum': 'string',
  'text': 'string',
  'url': 'string',
  'boolean': 'boolean',
  'list': 'list',
};

/**
 * Effective values by setting name, each with where it came from; a name is absent when nothing
 * sets it and it has no default. The typed accessors take only the names of rows of their kind
 * (checked again at run time, for names that come as plain strings), so a caller never casts.
 */
export class ResolvedSettings implements Iterable<[string, ResolvedSetting]> {
  readonly #entries: ReadonlyMap<string, ResolvedSetting>;

  constructor(entries: Iterable<readonly [string, ResolvedSetting]> = []) {
    const map = new Map<string, ResolvedSetting>();
    for (const [name, entry] of entries) {
      rowOf(name);
      map.set(name, entry);
    }
    this.#entries = map;
  }

  get(name: string): ResolvedSetting | undefined {
    return this.#entries.get(name);
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** In table order, as resolved. */
  [Symbol.iterator](): Iterator<[string, ResolvedSetting]> {
    return this.#entries[Symbol.iterator]();
  }

  /** A copy with one setting replaced. */
  with(name: string, entry: ResolvedSetting): ResolvedSettings {
    return new ResolvedSettings(new Map(this.#entries).set(name, entry));
  }

  number(name: SettingNameOf<'number' | 'integer'>): number | undefined {
    return this.#read(name, 'number') as number | undefined;
  }

  /** Text, URLs, enum values and big integers (kept as their decimal string). */
  string(name: SettingNameOf<'text' | 'url' | 'enum' | 'big-integer'>): string | undefined {
    return this.#read(name, 'string') as string | undefined;
  }

  /** A switch nothing set is off. */
  boolean(name: SettingNameOf<'boolean'>): boolean {
    return this.#read(name, 'boolean') === true;
  }

  /** A list nothing set is empty. */
  list(name: SettingNameOf<'list'>): readonly string[] {
    return (this.#read(name, 'list') as string[] | undefined) ?? [];
  }

  #read(name: string, accessor: (typeof ACCESSOR)[SettingKind['type']]): SettingValue | undefined {
    const kind = rowOf(name).kind.type;
    if (ACCESSOR[kind] !== accessor) throw new Error(`setting ${name} is ${kind}, read it with .${ACCESSOR[kind]}(), not .${accessor}()`);
    return this.#entries.get(name)?.value;
  }
}

function rowOf(name: string): SettingDef {
  const def = rows.get(name);
  if (!def) throw new Error(`no setting named ${name} in the settings table`);
  return def;
}
