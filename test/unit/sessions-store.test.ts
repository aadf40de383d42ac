import {mkdtempSync, readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {openLatestSession, openStoredSession} from '../../src/sessions/open-session.js';
import {readSession} from '../../src/sessions/read-session.js';
import {listSessions, loadSession} from '../../src/sessions/session-index.js';
import {sessionLine} from '../../src/sessions/session-line.js';
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

  it('lists the session last talked in first, whatever was renamed or set later, and shows that time', () => {
    const dir = temp();
    mkdirSync(join(dir, 'sessions'), {recursive: true});
    const write = (id: string, lines: object[]) => writeFileSync(join(dir, 'sessions', `${id}.jsonl`), lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    write('older', [
      {type: 'session', version: 1, id: 'older', at: '2026-01-01T10:00:00.000Z'},
      {type: 'user', at: '2026-01-01T10:00:01.000Z', text: 'old question'},
      {type: 'assistant', at: '2026-01-01T10:00:02.000Z', text: 'A', finishReason: 'stop', interrupted: false},
      {type: 'rename', at: '2026-03-01T09:00:00.000Z', name: 'renamed'},
      {type: 'setting', at: '2026-03-01T09:30:00.000Z', name: 'topK', value: 3},
    ]);
    write('newer', [
      {type: 'session', version: 1, id: 'newer', at: '2026-02-01T10:00:00.000Z'},
      {type: 'user', at: '2026-02-01T10:05:00.000Z', text: 'new question'},
      {type: 'assistant', at: '2026-02-01T10:06:00.000Z', text: 'B', finishReason: 'stop', interrupted: false},
      {type: 'user', at: '2026-02-01T10:07:00.000Z', text: 'failed one'},
      {type: 'assistant', at: '2026-02-01T10:08:00.000Z', text: '', finishReason: null, interrupted: false, failed: {message: 'Nope.'}},
    ]);
    write('empty', [{type: 'session', version: 1, id: 'empty', at: '2026-01-15T00:00:00.000Z'}, {type: 'rename', at: '2026-04-01T00:00:00.000Z', name: 'blank'}]);
    const sessions = listSessions(dir);
    expect(sessions.map((session) => session.id)).toEqual(['newer', 'empty', 'older']);
    expect(sessions.map(sessionLine)).toEqual([
      `${'newer'.padEnd(22)}  2026-02-01 10:08  1 turn     new question`,
      `${'blank'.padEnd(22)}  2026-01-15 00:00  0 turns    `,
      `${'renamed'.padEnd(22)}  2026-01-01 10:00  1 turn     old question`,
    ]);
  });

  it('reads a session again once it holds the lock, so turns written meanwhile are not missed', () => {
    const dir = temp();
    const first = new SessionWriter(dir, 'shared');
    first.append({type: 'user', text: 'one'});
    first.append({type: 'assistant', text: 'ONE', finishReason: 'stop', interrupted: false});
    first.close();
    const stale = loadSession(dir, 'shared');
    const other = new SessionWriter(dir, 'shared');
    other.append({type: 'user', text: 'two'});
    other.append({type: 'assistant', text: 'TWO', finishReason: 'stop', interrupted: false});
    other.close();
    const opened = openStoredSession(dir, stale);
    opened.writer.close();
    expect(opened.session.messages.map((m) => m.content)).toEqual(['one', 'ONE', 'two', 'TWO']);
  });

  it('refuses a session locked by another live process, writing nothing', () => {
    const dir = temp();
    const writer = new SessionWriter(dir, 'held');
    writer.append({type: 'user', text: 'hi'});
    writer.close();
    const before = readFileSync(writer.path, 'utf8');
    // The parent of this test process: alive, and not us.
    writeFileSync(`${writer.path}.lock`, String(process.ppid));
    expect(() => openLatestSession(dir)).toThrow(`session held is open in another gemma (pid ${process.ppid})`);
    expect(readFileSync(writer.path, 'utf8')).toBe(before);
  });
});
