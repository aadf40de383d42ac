import {UsageError} from '../errors.js';
import {envName} from './env-name.js';
import type {SettingDef} from './setting-types.js';
import {SETTINGS} from './settings-table.js';

/** Lower-cased, dash- and underscore-free, so `max-tokens`, `max_tokens` and `maxTokens` all match. */
function fold(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

const byFoldedName = new Map<string, SettingDef>();
for (const def of SETTINGS) {
  byFoldedName.set(fold(def.name), def);
  byFoldedName.set(fold(def.flag), def);
}

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + same);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The setting a mistyped name most likely meant: a few edits away (one per four letters, at
 * least one), or the one setting it is the start of. None when nothing is that close, or two
 * are: a wrong guess would send the user further off than the list of names.
 */
function closestSetting(name: string, candidates: readonly SettingDef[] = SETTINGS): SettingDef | undefined {
  const typed = fold(name.replace(/^--?/, ''));
  if (typed === '') return undefined;
  const allowed = Math.min(3, Math.max(1, Math.floor(typed.length / 4)));
  let best: {def: SettingDef | undefined; distance: number} = {def: undefined, distance: allowed + 1};
  for (const def of candidates) {
    const distance = Math.min(editDistance(typed, fold(def.name)), editDistance(typed, fold(def.flag)));
    // Two equally close (`topq`: topP or topK?) is no answer.
    if (distance < best.distance) best = {def, distance};
    else if (distance === best.distance) best = {def: undefined, distance};
  }
  if (best.distance <= allowed) return best.def;
  const started = typed.length >= 3 ? candidates.filter((def) => fold(def.name).startsWith(typed) || fold(def.flag).startsWith(typed)) : [];
  return started.length === 1 ? started[0] : undefined;
}

/** A setting by its config name or its flag name, in any case or dash style. */
export function findSetting(name: string, options: {configurable?: boolean} = {}): SettingDef {
  const def = byFoldedName.get(fold(name.replace(/^--?/, '')));
  if (def && !(options.configurable && def.flagOnly)) return def;
  const candidates = SETTINGS.filter((d) => !(options.configurable && d.flagOnly));
  const closest = def ? undefined : closestSetting(name, candidates);
  // Named the way it was typed: `max-tokns` gets max-tokens, `maxTokns` gets maxTokens.
  if (closest) throw new UsageError(`unknown setting "${name}"; did you mean ${/-/.test(name) ? `${/^-+/.exec(name)?.[0] ?? ''}${closest.flag}` : closest.name}?`);
  throw new UsageError(`unknown setting "${name}"; settings are: ${candidates.map((d) => d.name).join(', ')}`);
}

/** GEMMA_* variables gemma reads that are not settings. */
const OTHER_GEMMA_VARIABLES = new Set(['GEMMA_CONFIG_DIR', 'GEMMA_DATA_DIR', 'GEMMA_CACHE_DIR', 'GEMMA_DEBUG', 'GEMMA_NO_MINIFY']);

/**
 * A warning for each GEMMA_* variable that is no setting but close to one (GEMMA_TEMPRATURE):
 * ignored silently, it would leave the user wondering why the setting has no effect. Variables
 * close to nothing stay quiet: they may be some other program's.
 */
export function mistypedEnvWarnings(env: Record<string, string | undefined>): string[] {
  const known = new Set(SETTINGS.map(envName));
  const warnings: string[] = [];
  for (const name of Object.keys(env)) {
    if (!name.startsWith('GEMMA_') || known.has(name) || OTHER_GEMMA_VARIABLES.has(name)) continue;
    const closest = closestSetting(name.slice('GEMMA_'.length));
    if (closest) warnings.push(`warning: ${name} is not a setting, so it is ignored; did you mean ${envName(closest)}?`);
  }
  return warnings;
}
