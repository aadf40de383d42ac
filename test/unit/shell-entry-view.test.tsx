import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {CappedOutput} from '../../src/chat/capped-output.js';
import type {ShellEntry} from '../../src/chat/chat-types.js';
import {SHOWN_ROWS, ShellEntryView} from '../../src/ui/shell-entry-view.js';

const entry = (output: string, extra: Partial<ShellEntry> = {}): ShellEntry =>
  ({id: 1, kind: 'shell', command: 'yes | head -c 50M', output, exitCode: 0, signal: null, cancelled: false, ...extra}) as ShellEntry;

const frame = (shown: ShellEntry, width = 40): string[] => (render(<ShellEntryView entry={shown} width={width} color={false} />).lastFrame() ?? '').split('\n');

describe('a !command in the scrollback', () => {
  it('shows every row of a short output, long lines broken at the edge, and how it ended', () => {
    const rows = frame(entry(`${'a'.repeat(50)}\nb\n`, {exitCode: 3}));
    expect(rows).toEqual(['$ yes | head -c 50M', 'a'.repeat(40), 'a'.repeat(10), 'b', '[exit code 3]']);
  });

  it('shows the first and last rows of a long output, and how many are not shown between them', () => {
    const lines = Array.from({length: 5000}, (_, index) => `line ${index + 1}`);
    const started = Date.now();
    const rows = frame(entry(`${lines.join('\n')}\n`));
    // Laid out whole, this output took seconds and hundreds of MB; capped, it is a moment.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(rows).toHaveLength(1 + SHOWN_ROWS + 2);
    expect(rows.slice(0, 3)).toEqual(['$ yes | head -c 50M', 'line 1', 'line 2']);
    expect(rows[SHOWN_ROWS / 2]).toBe(`line ${SHOWN_ROWS / 2}`);
    expect(rows.slice(SHOWN_ROWS / 2 + 1, SHOWN_ROWS / 2 + 3).join(' ')).toBe('[… 4,000 rows not shown here: the first and last 500 are …]');
    expect(rows[SHOWN_ROWS / 2 + 3]).toBe(`line ${5000 - SHOWN_ROWS / 2 + 1}`);
    expect(rows.at(-1)).toBe('line 5000');
  });

  it('keeps in view the line saying how much of the output was cut while it ran', () => {
    const output = new CappedOutput(64 * 1024);
    for (let index = 0; index < 50_000; index++) output.add(Buffer.from('y\n'));
    const rows = frame(entry(output.text()), 120);
    expect(rows).toHaveLength(1 + SHOWN_ROWS + 2);
    expect(rows[SHOWN_ROWS / 2 + 1]).toMatch(/^\[… [\d,]+ rows not shown here: the first and last 500 are …\]$/);
    expect(rows[SHOWN_ROWS / 2 + 2]).toBe('[… 34 kB of output cut here (98 kB in all; the first and last 32 kB are kept) …]');
    expect(rows.at(-1)).toBe('y');
  });
});
