import {GemmaError} from '../errors.js';
import {findSetting} from '../settings/find-setting.js';
import {checkStoredValue} from '../settings/check-stored-value.js';
import {parseSettingValue} from '../settings/parse-setting-value.js';
import type {SettingDef, SettingValue} from '../settings/setting-types.js';
import {SETTINGS} from '../settings/settings-table.js';
import type {InputFormat, InputLine} from './read-input.js';

/** One input line, read and checked: what an item is made of before its files are read. */
export interface LineFields {
  id: string;
  line: number;
  prompt: string;
  system?: string;
  /** `-f` sources, sent before the prompt as `ask -f` sends them. */
  files: string[];
  /** The line's own settings, by config name, validated as `config set` validates them. */
  settings: Map<string, SettingValue>;
}

/** A line with problems still names its id when that is valid: a later line repeating it is a problem too. */
export type CheckedLine = {ok: true; fields: LineFields} | {ok: false; problems: string[]; id?: string};

const FIELDS = ['id', 'prompt', 'system', 'files', 'settings'] as const;
const MAX_ID_LENGTH = 200;
const SYSTEM = SETTINGS.find((def) => def.name === 'systemPrompt') as SettingDef;

/**
 * The settings a line may set: those that shape its request. How the run talks to the service
 * (delivery, endpoint, timeout), what it reports (usage and cost, which the summary and
 * --max-cost add up) and how gemma prints are the run's, given as flags.
 */
const RUN_WIDE = new Set(['deliveryMethod', 'includeCost', 'includeUsage']);
const PER_LINE = SETTINGS.filter((def) => def.wire !== undefined && !RUN_WIDE.has(def.name));
const PER_LINE_NAMES = PER_LINE.map((def) => def.name).join(', ');

/** Reads one line: a plain-text prompt, or a JSONL object whose every field is checked. */
export function checkLine({line, text, problem}: InputLine, format: InputFormat): CheckedLine {
  if (problem !== undefined) return {ok: false, problems: [problem]};
  if (format === 'text') return {ok: true, fields: {id: String(line), line, prompt: text, files: [], settings: new Map()}};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {ok: false, problems: [`not JSON (${(error as Error).message}); allowed: one JSON object a line`]};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {ok: false, problems: [`not a JSON object; allowed: {"id": "...", "prompt": "...", "system"?, "files"?, "settings"?}`]};
  }
  const object = parsed as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(object)) {
    if (!(FIELDS as readonly string[]).includes(key)) problems.push(`unknown field ${JSON.stringify(key)}; allowed: ${FIELDS.join(', ')}`);
  }
  const before = problems.length;
  const id = checkId(object.id, line, problems);
  const idValid = problems.length === before;
  const prompt = object.prompt;
  if (typeof prompt !== 'string' || prompt.trim() === '') problems.push('"prompt" must be a non-empty string');
  const system = checkSystem(object.system, problems);
  const files = checkFiles(object.files, problems);
  const settings = checkSettings(object.settings, problems);
  if (system !== undefined && settings.has('systemPrompt')) problems.push('"system" and settings.systemPrompt both given; allowed: one of them');
  if (problems.length > 0 || typeof prompt !== 'string') return {ok: false, problems, ...(idValid ? {id} : {})};
  return {ok: true, fields: {id, line, prompt, ...(system === undefined ? {} : {system}), files, settings}};
}

function checkId(raw: unknown, line: number, problems: string[]): string {
  if (raw === undefined) return String(line);
  const id = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw;
  if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_ID_LENGTH) {
    problems.push(`"id" must be a non-empty string of at most ${MAX_ID_LENGTH} characters, or a whole number`);
    return '';
  }
  return id;
}

function checkSystem(raw: unknown, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') {
    problems.push('"system" must be a string');
    return undefined;
  }
  return caught(problems, () => parseSettingValue(SYSTEM, raw, '"system"') as string);
}

function checkFiles(raw: unknown, problems: string[]): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string' || item.trim() === '')) {
    problems.push('"files" must be an array of paths; allowed: files, directories or quoted globs, as -f takes them');
    return [];
  }
  const files = raw as string[];
  for (const file of files) {
    if (file === '-' || /^https?:\/\//i.test(file)) {
      problems.push(`"files": ${JSON.stringify(file)} is not allowed in a batch; allowed: local files, directories or globs`);
    }
  }
  return files;
}

function checkSettings(raw: unknown, problems: string[]): Map<string, SettingValue> {
  const settings = new Map<string, SettingValue>();
  if (raw === undefined) return settings;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('"settings" must be an object of setting names and values, e.g. {"temperature": 0.2}');
    return settings;
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const def = caught(problems, () => findSetting(key, {configurable: true}), 'settings: ');
    if (!def) continue;
    if (!PER_LINE.includes(def)) {
      problems.push(`settings.${def.name} applies to the whole run: give it as a flag; allowed per line: ${PER_LINE_NAMES}`);
      continue;
    }
    if (settings.has(def.name)) {
      problems.push(`settings.${def.name} given twice (as ${JSON.stringify(key)})`);
      continue;
    }
    const checked = caught(problems, () => checkStoredValue(def, value, `settings.${def.name}`));
    if (checked !== undefined) settings.set(def.name, checked);
  }
  return settings;
}

/** The value, or undefined with the error's sentence added to the problems. */
function caught<T>(problems: string[], check: () => T, prefix = ''): T | undefined {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof GemmaError)) throw error;
    problems.push(`${prefix}${error.message}`);
    return undefined;
  }
}
