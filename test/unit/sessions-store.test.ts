import {mkdtempSync, readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {readSession} from '../../src/sessions/read-session.js';
import {replaySession} from '../../src/sessions/replay-session.js';
import {SessionWriter} from '../../src/sessions/session-writer.js';

const temp = () => mkdtempSync(join(tmpdir(), 'gemma-sessions-'));

describe('session storage', () => {
  it('writes nothing until the first event, then a header and one line per event', () => {
    const dir = temp();
    const writer = new SessionWriter(dir, 'abc', 'named');
    expect(writer.opened).toBe(false);
    writer.append({type: 'user', text: 'hi'});
    writer.close();
    const lines = readFileSync(writer.path, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((event) => event.type)).toEqual(['session', 'user']);
    expect(lines[0]).toMatchObject({id: 'abc', name: 'named', version: 1});
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = temp();
    const writer = new SessionWriter(dir, 'abc');
    mkdirSync(join(dir, 'sessions'), {recursive: true});
    writeFileSync(`${writer.path}.lock`, '999999999');
    writer.append({type: 'user', text: 'hi'});
    writer.close();
    expect(readSession(writer.path).events).toHaveLength(2);
  });

  it('replays /undo, /retry, /clear and settings exactly as the chat applied them', () => {
    const at = '2026-11-26T00:00:00Z';
    const state = replaySession([
      {type: 'session', version: 1, id: 'x', at},
      {type: 'user', at, text: 'a'},
      {type: 'assistant', at, text: 'A', finishReason: 'stop', interrupted: false},
      {type: 'setting', at, name: 'temperature', value: 0.5},
      {type: 'user', at, text: 'b'},
      {type: 'assistant', at, text: 'B', finishReason: 'stop', interrupted: false},
      {type: 'undo', at},
      {type: 'user', at, text: 'c'},
      {type: 'assistant', at, text: 'C1', finishReason: 'stop', interrupted: false},
      {type: 'retry', at},
      {type: 'assistant', at, text: 'C2', finishReason: null, interrupted: true},
      {type: 'setting', at, name: 'topK', value: 3},
      {type: 'setting', at, name: 'topK', value: null},
    ], 'x');
    expect(state.messages).toEqual([
      {role: 'user', content: 'a'}, {role: 'assistant', content: 'A'}, {role: 'user', content: 'c'}, {role: 'assistant', content: 'C2'},
    ]);
    expect([...state.settings]).toEqual([['temperature', 0.5]]);
    expect(state.firstPrompt).toBe('a');
  });
});
