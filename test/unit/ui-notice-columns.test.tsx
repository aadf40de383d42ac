import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {StaticItemView} from '../../src/ui/static-item-view.js';
import {wrapColumns} from '../../src/text/wrap-columns.js';
import {echo, fakeSession} from '../support/fake-chat-session.js';

const shown = (text: string, width: number): string[] =>
  (render(<StaticItemView item={{kind: 'notice', key: 'n', level: 'info', text}} width={width} color={false} />).lastFrame() ?? '')
    .split('\n')
    .map((row) => row.trimEnd());

async function noticeOf(line: string): Promise<string> {
  const chat = fakeSession(echo);
  await chat.run(line);
  return chat.notices().at(-1)?.text ?? '';
}

describe('/help and /settings in a narrow terminal keep their columns', () => {
  it('/help at 40 columns: a description never wraps back under the command column', async () => {
    const rows = shown(await noticeOf('/help'), 40).filter((row) => row !== '');
    const set = rows.findIndex((row) => row.startsWith('/set '));
    expect(set).toBeGreaterThan(-1);
    // Too wide to hang: the description goes under its command, indented.
    expect(rows[set]).toBe('/set <setting> [value...]');
    expect(rows[set + 1]).toMatch(/^ {4}change a setting/);
    // Every command's description is indented under it, however it wraps.
    const commands = rows.slice(0, rows.findIndex((row) => row.startsWith('!') || row.startsWith('//')));
    for (const row of commands) expect(row.startsWith('/') || row.startsWith('    ')).toBe(true);
    expect(rows.join(' ')).toContain('Ctrl-R: search history');
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(40);
  });

  it('/settings at 40 columns: a value and its source hang under the value column', async () => {
    const rows = shown(await noticeOf('/settings'), 40);
    const model = rows.findIndex((row) => row.startsWith('model '));
    expect(rows[model]).toMatch(/^model +google:gemma@4-31b$/);
    const column = rows[model]!.indexOf('google');
    expect(rows[model + 1]).toBe(`${' '.repeat(column)}default`);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(40);
  });

  it('lines that fit are left alone; prose wraps without a leading space', () => {
    expect(wrapColumns('/undo  drop the last exchange', 80)).toBe('/undo  drop the last exchange');
    expect(wrapColumns('ab  one two three\ncd  four', 12)).toBe('ab  one two\n    three\ncd  four');
    expect(wrapColumns('a b  c d e f\nx y  z', 5)).toBe('a b\n c d\n e f\nx y\n z');
    // One line with two spaces after a full stop is prose, not a table.
    expect(wrapColumns('end.  Next one here', 10)).toBe('end.  Next\none here');
  });
});
