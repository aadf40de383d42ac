import type {SettingValue} from './setting-types.js';

/** `gemma chat` asks for usage and cost unless told not to: each answer's footer shows them. */
export const CHAT_DEFAULTS: Readonly<Record<string, SettingValue>> = {includeUsage: true, includeCost: true};
