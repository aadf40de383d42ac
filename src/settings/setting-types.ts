/** The shape of one row of the settings table. */

export type SettingValue = string | number | boolean | string[];

export type SettingKind =
  | {type: 'number'; min: number; max: number; step?: number}
  | {type: 'integer'; min: number; max?: number}
  /** An integer too large for a JS number; kept as its decimal string. */
  | {type: 'big-integer'; min: bigint; max: bigint}
  | {type: 'enum'; values: readonly string[]}
  | {type: 'text'; minLength: number; maxLength: number}
  | {type: 'url'}
  | {type: 'boolean'}
  | {type: 'list'; itemLabel: string};

/** A second flag for a setting, besides its own. */
export type FlagAlias =
  /** `--system-file <path>`: the setting's text, read from the file at that path. */
  | {type: 'file'; flag: string; argument: string; help: string}
  /** `--no-stream`: a negated flag standing for one value of the setting. */
  | {type: 'negation'; flag: string; value: SettingValue; help: string}
  /** `--raw`: a flag of its own standing for one value of the setting. */
  | {type: 'switch'; flag: string; value: SettingValue; help: string};

export interface SettingDef {
  /** Config key, `/set` name, env suffix: camelCase, the wire name where there is one. */
  name: string;
  /** Long flag without dashes, e.g. `max-tokens`. */
  flag: string;
  short?: string;
  /** Placeholder in help, e.g. `<n>`. Absent for booleans. */
  argument?: string;
  kind: SettingKind;
  /** Where the value goes in the task; absent for client-side settings. */
  wire?: readonly string[];
  /** The value used when nothing sets it (shown in docs; not sent unless `sendDefault`). */
  defaultValue?: SettingValue;
  /** Sent even when it is only the default (our default differs from the server's). */
  sendDefault?: boolean;
  /** Environment variable other than GEMMA_<NAME>. */
  env?: string;
  /** Not a config key (per-invocation choices such as --json). */
  flagOnly?: boolean;
  /** Another flag that sets this setting (added after every row's own flag). */
  alias?: FlagAlias;
  /** The value as the API takes it; `undefined` leaves the field out (the server's default). */
  toWire?: (value: SettingValue) => SettingValue | undefined;
  /** Items are media: a local file among them is read and sent inline when the request is built. */
  media?: 'image' | 'video';
  /** Left out of the chat header (shown elsewhere, or not a choice about the conversation). */
  hiddenInHeader?: boolean;
  help: string;
}
