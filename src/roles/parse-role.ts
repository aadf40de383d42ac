import type * as Yaml from 'yaml';
import {UsageError} from '../errors.js';
import {checkStoredValue} from '../settings/check-stored-value.js';
import {describeAllowed} from '../settings/describe-allowed.js';
import {findSetting} from '../settings/find-setting.js';
import type {SettingValue} from '../settings/setting-types.js';

export type YamlModule = typeof Yaml;

/** What a role file says: settings by their table names, the system prompt, and its notes. */
export interface ParsedRole {
  description: string | undefined;
  /** Front-matter settings, validated as `config set` validates them; the body's system prompt included. */
  values: Map<string, SettingValue>;
  /** Added to the system prompt when stdout is not a terminal (e.g. "no code fences"). */
  whenPiped: string | undefined;
}

/** The keys a role takes besides the settings. */
const ROLE_KEYS = ['description', 'whenPiped'] as const;

const FENCE = /^---[ \t]*$/;
const FENCE_END = /^(---|\.\.\.)[ \t]*$/;

interface Split {
  frontMatter: string;
  body: string;
  /** The file's line number of the front matter's first line, and of the body's. */
  frontLine: number;
  bodyLine: number;
}

/** Front matter is the lines between a first line `---` and the next `---` (or `...`); none is all body. */
function splitFrontMatter(text: string, label: string): Split {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return {frontMatter: '', body: lines.join('\n'), frontLine: 1, bodyLine: 1};
  const end = lines.findIndex((line, index) => index > 0 && FENCE_END.test(line));
  if (end < 0) throw new UsageError(`${label}:1: the front matter has no closing ---; allowed: a line --- before and after the settings`);
  return {frontMatter: lines.slice(1, end).join('\n'), body: lines.slice(end + 1).join('\n'), frontLine: 2, bodyLine: end + 2};
}

/** A YAML parser's message without its own position and excerpt (the line is said first). */
function yamlMessage(error: Yaml.YAMLError): string {
  return (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}

/** A front-matter value as `config set` would see it: a scalar, or a list of scalars. */
function plainValue(yaml: YamlModule, node: unknown, key: string): unknown {
  // Whole numbers arrive as bigint (intAsBigInt), so a seed of 2^63 - 1 keeps every digit.
  const plain = (value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);
  if (yaml.isScalar(node)) return plain(node.value);
  if (yaml.isSeq(node) && node.items.every((item) => yaml.isScalar(item))) return node.items.map((item) => plain((item as Yaml.Scalar).value));
  throw new UsageError(`${key}: takes a value or a list of values, not a ${yaml.isMap(node) ? 'map' : 'nested list'}`);
}

/**
 * Reads a role file: YAML front matter (settings by their config names, checked exactly as
 * `config set` checks them, plus `description` and `whenPiped`) and a body that is the system
 * prompt. `label` names the file in errors (`roles/code.md`), each with the line it is about:
 * `roles/code.md:3: temperature: "5" is out of range; allowed: ...`. The YAML module is handed
 * in: it is loaded only when a role is used.
 */
export function parseRole(text: string, label: string, yaml: YamlModule): ParsedRole {
  const split = splitFrontMatter(text, label);
  const lineCounter = new yaml.LineCounter();
  const document = yaml.parseDocument(split.frontMatter, {lineCounter, uniqueKeys: true, intAsBigInt: true});
  const lineOf = (offset: number | undefined): number => split.frontLine - 1 + (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const fail = (line: number, message: string): never => {
    throw new UsageError(`${label}:${line}: ${message}`);
  };
  const [first] = document.errors;
  if (first) fail(split.frontLine - 1 + (first.linePos?.[0].line ?? 1), yamlMessage(first));
  const role: ParsedRole = {description: undefined, values: new Map(), whenPiped: undefined};
  const contents = document.contents;
  if (contents !== null && !yaml.isMap(contents)) fail(lineOf(contents.range?.[0]), 'the front matter is not a list of `key: value` lines');
  for (const pair of yaml.isMap(contents) ? contents.items : []) {
    const keyNode = pair.key;
    const line = lineOf(yaml.isNode(keyNode) ? keyNode.range?.[0] : undefined);
    const key = yaml.isScalar(keyNode) ? String(keyNode.value) : '';
    try {
      const value = plainValue(yaml, pair.value, key);
      if (key === 'description' || key === 'whenPiped') {
        if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${key}: must be text`);
        role[key] = value.trim();
        continue;
      }
      const def = findKnownSetting(key);
      if (def.name === 'systemPrompt') throw new UsageError('systemPrompt: the body of the file (after the front matter) is the system prompt');
      role.values.set(def.name, checkStoredValue(def, value, def.name));
    } catch (error) {
      if (error instanceof UsageError) fail(line, error.message);
      throw error;
    }
  }
  const prompt = split.body.trim();
  if (prompt !== '') {
    const def = findSetting('systemPrompt');
    const kind = def.kind;
    // Named by its line, not quoted: the text is the file the user is looking at.
    if (kind.type === 'text' && prompt.length > kind.maxLength) {
      fail(split.bodyLine, `the body (the system prompt) is ${prompt.length} characters long; allowed: ${describeAllowed(kind)}`);
    }
    role.values.set(def.name, prompt);
  }
  return role;
}

/** A setting the front matter names; an unknown key's error says what else a role takes. */
function findKnownSetting(key: string): ReturnType<typeof findSetting> {
  try {
    return findSetting(key, {configurable: true});
  } catch (error) {
    if (error instanceof UsageError && !/did you mean/.test(error.message)) {
      throw new UsageError(`${error.message}; a role also takes ${ROLE_KEYS.join(' and ')}`);
    }
    throw error;
  }
}
