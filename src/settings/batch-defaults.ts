import type {SettingValue} from './setting-types.js';

/**
 * `gemma batch` queues its tasks on the service (async delivery: many tasks per request, then
 * polling) and asks for usage and cost, which its progress and summary add up.
 */
export const BATCH_SETTING_DEFAULTS: Readonly<Record<string, SettingValue>> = {deliveryMethod: 'async', includeUsage: true, includeCost: true};
