import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

export interface StoredTurn {
  question: string;
  /** The answer's text; undefined: the request failed with `failed` as its message. */
  answer?: string;
  failed?: string;
}

/**
 * Writes `<dataDir>/sessions/<id>.jsonl` as gemma writes it: the session line, then a user line
 * and an assistant line per turn. Returns the path.
 */
export function writeStoredSession(dataDir: string, options: {id: string; name?: string; turns: readonly StoredTurn[]}): string {
  const dir = join(dataDir, 'sessions');
  mkdirSync(dir, {recursive: true, mode: 0o700});
  const at = '2026-01-01T00:00:00.000Z';
  const lines = [JSON.stringify({type: 'session', version: 1, id: options.id, at, ...(options.name ? {name: options.name} : {})})];
  for (const turn of options.turns) {
    lines.push(JSON.stringify({type: 'user', text: turn.question, at}));
    lines.push(JSON.stringify(turn.failed === undefined
      ? {type: 'assistant', text: turn.answer ?? '', finishReason: 'stop', interrupted: false, at}
      : {type: 'assistant', text: '', finishReason: null, interrupted: false, failed: {message: turn.failed, code: 'invalidParameter'}, at}));
  }
  const path = join(dir, `${options.id}.jsonl`);
  writeFileSync(path, `${lines.join('\n')}\n`, {mode: 0o600});
  return path;
}

/** A markdown answer of about `rows` rendered rows (a heading, prose, a list, code), told apart by `n`. */
export function longAnswer(n: number, rows = 20): string {
  const items = Array.from({length: Math.max(1, rows - 12)}, (_, i) => `- point ${i} of answer ${n}`);
  return [`## Answer ${n}`, '', `This is **answer ${n}** with \`code\` in it.`, '', ...items, '', '```ts', `const answer = ${n};`, '```', '', `End of answer ${n}.`].join('\n');
}
