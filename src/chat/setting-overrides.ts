import type {SettingValue} from '../settings/setting-types.js';

/**
 * The chat's own setting layers, over the environment and the config file: the flags it was
 * started with, and what /set chose since (which wins). /unset drops both, so the setting goes
 * back to the config file or its default.
 */
export class SettingOverrides {
  readonly #flags: Map<string, SettingValue>;
  readonly #chosen = new Map<string, SettingValue>();

  constructor(flags: ReadonlyMap<string, SettingValue>) {
    this.#flags = new Map(flags);
  }

  /** The two layers as resolveSettings names them (`session` is its name for /set values). */
  layers(): {flags: ReadonlyMap<string, SettingValue>; session: ReadonlyMap<string, SettingValue>} {
    return {flags: this.#flags, session: this.#chosen};
  }

  set(name: string, value: SettingValue): void {
    this.#chosen.set(name, value);
  }

  unset(name: string): void {
    this.#chosen.delete(name);
    this.#flags.delete(name);
  }

  /** A resumed conversation's /set values replace this chat's; flags given now win over them. */
  restore(chosen: Iterable<readonly [string, SettingValue]>): void {
    this.#chosen.clear();
    for (const [name, value] of chosen) if (!this.#flags.has(name)) this.#chosen.set(name, value);
  }
}
