import {DEFAULT_MODEL, modelIdFor} from './model-id.js';
import type {SettingDef} from './setting-types.js';

const DEFAULT_BASE_URL = 'https://api.runware.ai/v1';
const MAX_SEED = 9223372036854775807n;
/** Tokens: the "131K context" Runware's model page lists (the model card's 256K is the model's own). */
export const DEFAULT_CONTEXT_WINDOW = 131072;

const unit = {type: 'number', min: 0, max: 1, step: 0.01} as const;
const penalty = {type: 'number', min: 0, max: 2, step: 0.01} as const;

/**
 * Every option exists once, here. Flags, validation, config keys, `/set`, the request body and
 * docs/settings.md are all derived from these rows.
 */
const ROWS = [
  {name: 'model', flag: 'model', short: 'm', argument: '<id>', kind: {type: 'text', minLength: 1, maxLength: 200},
    wire: ['model'], defaultValue: DEFAULT_MODEL, sendDefault: true, hiddenInHeader: true,
    toWire: (value) => modelIdFor(String(value)),
    help: 'model id; the docs slug google-gemma-4-31b is accepted too'},
  {name: 'systemPrompt', flag: 'system', short: 's', argument: '<text>', kind: {type: 'text', minLength: 1, maxLength: 50000},
    wire: ['settings', 'systemPrompt'], help: 'system prompt (or --system-file <path>)',
    alias: {type: 'file', flag: 'system-file', argument: '<path>', help: 'read the system prompt from a file'}},
  {name: 'temperature', flag: 'temperature', short: 't', argument: '<n>', kind: {type: 'number', min: 0, max: 2, step: 0.01},
    wire: ['settings', 'temperature'], help: 'randomness of sampling'},
  {name: 'topP', flag: 'top-p', argument: '<n>', kind: unit, wire: ['settings', 'topP'],
    help: 'nucleus sampling: probability mass kept'},
  {name: 'minP', flag: 'min-p', argument: '<n>', kind: unit, wire: ['settings', 'minP'],
    defaultValue: 0, help: 'drop tokens below this probability'},
  {name: 'topK', flag: 'top-k', argument: '<n>', kind: {type: 'integer', min: 1, max: 100},
    wire: ['settings', 'topK'], help: 'sample from the K most likely tokens'},
  {name: 'maxTokens', flag: 'max-tokens', argument: '<n>', kind: {type: 'integer', min: 1},
    wire: ['settings', 'maxTokens'], help: 'most tokens to generate'},
  {name: 'stopSequences', flag: 'stop', argument: '<seq>', kind: {type: 'list', itemLabel: 'a non-empty string'},
    wire: ['settings', 'stopSequences'], help: 'stop when this text appears (repeatable)'},
  {name: 'frequencyPenalty', flag: 'frequency-penalty', argument: '<n>', kind: penalty,
    wire: ['settings', 'frequencyPenalty'], defaultValue: 0, help: 'penalise tokens by how often they appeared'},
  {name: 'presencePenalty', flag: 'presence-penalty', argument: '<n>', kind: {type: 'number', min: -2, max: 2, step: 0.01},
    wire: ['settings', 'presencePenalty'], defaultValue: 0, help: 'encourage new topics'},
  {name: 'repetitionPenalty', flag: 'repetition-penalty', argument: '<n>', kind: penalty,
    wire: ['settings', 'repetitionPenalty'], defaultValue: 1, help: 'penalise repeated tokens; 1 is off'},
  {name: 'thinkingLevel', flag: 'thinking-level', argument: '<level>', kind: {type: 'enum', values: ['low', 'high']},
    wire: ['settings', 'thinkingLevel'], defaultValue: 'high', help: 'depth of reasoning'},
  {name: 'seed', flag: 'seed', argument: '<n>', kind: {type: 'big-integer', min: 0n, max: MAX_SEED},
    wire: ['seed'], help: 'seed for reproducible output'},
  {name: 'numberResults', flag: 'number-results', short: 'n', argument: '<n>', kind: {type: 'integer', min: 1, max: 4},
    wire: ['numberResults'], defaultValue: 1, help: 'how many answers to generate; sync delivery'},
  {name: 'deliveryMethod', flag: 'delivery', argument: '<method>', kind: {type: 'enum', values: ['stream', 'sync', 'async']},
    wire: ['deliveryMethod'], defaultValue: 'stream', sendDefault: true,
    // Sync is the server's default: left implicit.
    toWire: (value) => (value === 'sync' ? undefined : value),
    alias: {type: 'negation', flag: 'stream', value: 'sync', help: 'same as --delivery sync'},
    help: 'how the answer arrives; --no-stream is sync'},
  {name: 'includeCost', flag: 'cost', kind: {type: 'boolean'}, wire: ['includeCost'],
    defaultValue: false, help: 'ask for the cost: ask shows it on stderr, chat in the footer'},
  {name: 'includeUsage', flag: 'usage', kind: {type: 'boolean'}, wire: ['includeUsage'],
    defaultValue: false, help: 'ask for token usage: ask shows it on stderr, chat in the footer'},
  {name: 'images', flag: 'image', argument: '<path|url>', kind: {type: 'list', itemLabel: 'a file path, URL, data URI or media UUID'},
    wire: ['inputs', 'images'], media: 'image', help: 'an image input (repeatable)'},
  {name: 'videos', flag: 'video', argument: '<path|url>', kind: {type: 'list', itemLabel: 'a file path, URL, data URI or media UUID'},
    wire: ['inputs', 'videos'], media: 'video', help: 'a video input (repeatable)'},
  {name: 'webhookURL', flag: 'webhook-url', argument: '<url>', kind: {type: 'url'}, wire: ['webhookURL'],
    help: 'the service POSTs each finished result here'},
  {name: 'baseUrl', flag: 'base-url', argument: '<url>', kind: {type: 'url'},
    defaultValue: DEFAULT_BASE_URL, env: 'RUNWARE_BASE_URL', help: 'API endpoint'},
  {name: 'timeout', flag: 'timeout', argument: '<seconds>', kind: {type: 'number', min: 1, max: 3600},
    defaultValue: 60, help: 'how long a silent connection may stay silent'},
  {name: 'showThinking', flag: 'show-thinking', kind: {type: 'boolean'}, defaultValue: false, hiddenInHeader: true,
    help: "show the model's reasoning; ask puts it on stderr"},
  {name: 'render', flag: 'render', argument: '<mode>', kind: {type: 'enum', values: ['auto', 'always', 'never']},
    defaultValue: 'auto', hiddenInHeader: true,
    alias: {type: 'switch', flag: 'raw', value: 'never', help: 'same as --render never'},
    help: 'ask and chat: markdown rendered on a terminal (auto), by ask also to a pipe (always), or raw text (never)'},
  {name: 'json', flag: 'json', kind: {type: 'boolean'}, defaultValue: false, flagOnly: true, hiddenInHeader: true,
    help: 'print JSON: one object (ask), one line per answer (piped chat)'},
  {name: 'verbose', flag: 'verbose', kind: {type: 'boolean'}, defaultValue: false, flagOnly: true, hiddenInHeader: true,
    help: 'request and response summaries on stderr (key redacted)'},
  {name: 'contextWindow', flag: 'context-window', argument: '<n>', kind: {type: 'integer', min: 1024, max: 1048576},
    defaultValue: DEFAULT_CONTEXT_WINDOW, hiddenInHeader: true, help: "the model's context window in tokens: ask refuses a prompt over it, chat compacts before it"},
  {name: 'saveAsk', flag: 'save-ask', kind: {type: 'boolean'}, defaultValue: false, hiddenInHeader: true,
    help: 'ask: record each plain ask as a one-turn session (gemma sessions list, gemma chat -c)'},
  {name: 'autoCompact', flag: 'auto-compact', kind: {type: 'boolean'}, defaultValue: true, hiddenInHeader: true,
    help: 'chat: summarize older turns before a turn that would pass 80% of the context window'},
] as const satisfies readonly SettingDef[];

export const SETTINGS: readonly SettingDef[] = ROWS;

type Row = (typeof ROWS)[number];
/** The names of the rows whose kind is one of `Kinds`: what each typed accessor may be asked for. */
export type SettingNameOf<Kinds extends SettingDef['kind']['type']> = Extract<Row, {kind: {type: Kinds}}>['name'];
