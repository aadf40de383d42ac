import type {SettingValue} from '../settings/setting-types.js';

/**
 * `gemma cmd`'s own defaults, below the environment and the config file: low thinking, since a
 * one-line command needs little reasoning and the user is waiting at the prompt for it (high
 * thinking spends most of the wait on reasoning that is not shown). `--thinking-level high` for
 * a hard one.
 */
export const CMD_DEFAULTS: Readonly<Record<string, SettingValue>> = {thinkingLevel: 'low'};
