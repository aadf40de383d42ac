import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {chatCompletions} from '../../src/chat/chat-commands.js';
import {restOfLine} from '../../src/chat/split-args.js';
import {menuLayout} from '../../src/ui/input/completion-columns.js';
import type {PromptInputProps} from '../../src/ui/input/prompt-input.js';
import {renderPrompt, tick} from '../support/render-prompt.js';

async function setup(columns: number, overrides: Partial<PromptInputProps> = {}) {
  const prompt = renderPrompt({completions: chatCompletions, ...overrides});
  Object.defineProperty(prompt.app.stdout, 'columns', {value: columns, configurable: true});
  prompt.app.stdout.emit('resize');
  await tick();
  const rows = () => (prompt.app.lastFrame() ?? '').split('\n');
  const promptLine = () => rows().find((row) => row.startsWith('› ')) ?? '';
  return {...prompt, rows, promptLine};
}

afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
});

const SETTING_NAMES = chatCompletions().filter((line) => line.startsWith('/set ')).map((line) => line.slice('/set '.length));

describe('Tab completion', () => {
  it('lists setting names in columns that fit 40 columns, every name whole on one row', async () => {
    const {type, rows} = await setup(40);
    await type('/set ', '\t');
    const list = rows().slice(1);
    for (const row of list) expect(row.length, row).toBeLessThanOrEqual(40);
    // The rows that fit, and a line counting the rest: every name shown is whole.
    const more = /^… (\d+) more \(Tab cycles\)$/.exec(list.at(-1) ?? '');
    expect(more).not.toBeNull();
    const shown = list.slice(0, -1).join(' ').split(/\s+/).filter(Boolean);
    for (const name of shown) expect(SETTING_NAMES).toContain(name);
    expect(shown.length + Number(more?.[1])).toBe(SETTING_NAMES.length);
    // Two columns: the longest name is 17 cells.
    expect(list.slice(0, -1).every((row) => row.trim().split(/\s+/).length === 2)).toBe(true);
  });

  it('lays labels out row by row, as many columns as the width takes, padded to the widest', () => {
    const text = (layout: ReturnType<typeof menuLayout>) => layout.rows.map((row) => row.cells.map((cell) => cell.label + cell.pad).join(''));
    // Columns of 6 + 2: two fit 20 cells, three fit 22.
    expect(text(menuLayout(['low', 'high', 'medium', 'x'], -1, 20, 10))).toEqual(['low     high', 'medium  x']);
    expect(text(menuLayout(['low', 'high', 'medium', 'x'], -1, 22, 10))).toEqual(['low     high    medium', 'x']);
    const narrow = menuLayout(['a-very-long-setting-name'], 0, 10, 10);
    expect(narrow.rows[0]?.cells[0]?.label).toBe('a-very-lo…');
  });

  it('cycles through the candidates on repeated Tab, Shift-Tab going back, and a key ends the cycle', async () => {
    const {type, promptLine, rows, props} = await setup(80);
    await type('/set t', '\t');
    expect(promptLine()).toBe('› /set t');
    expect(rows()[1]).toBe('temperature    topP           topK           thinkingLevel  timeout');
    await type('\t');
    expect(promptLine()).toBe('› /set temperature');
    await type('\t', '\t');
    expect(promptLine()).toBe('› /set topK');
    await type('\x1b[Z');
    expect(promptLine()).toBe('› /set topP');
    await type(' 0.5');
    expect(rows()).toHaveLength(1);
    await type('\r');
    expect(props.onSubmit).toHaveBeenCalledWith('/set topP 0.5');
  });

  it('completes enum and boolean values of a setting from the settings table', async () => {
    const {type, promptLine, rows} = await setup(80);
    await type('/set thinkingLevel ', '\t');
    expect(rows()[1]).toBe('low   high');
    await type('h', '\t');
    expect(promptLine()).toBe('› /set thinkingLevel high');
    await type('\x15', '/set showThinking f', '\t');
    expect(promptLine()).toBe('› /set showThinking false');
    await type('\x15', '/set temperature ', '\t');
    expect(rows()).toHaveLength(1);
  });

  it('completes /res to /resume, then a space, then the names of stored sessions', async () => {
    const sessionNames = vi.fn(() => ['review', 'refactor-api', 'notes']);
    const {type, promptLine, rows} = await setup(80, {completionSources: {sessionNames, listFolder: () => []}});
    await type('/res', '\t');
    expect(promptLine()).toBe('› /resume');
    expect(sessionNames).not.toHaveBeenCalled();
    // The second Tab adds the space (ink drops it from the frame), so the next letter starts a name.
    await type('\t', 'r', '\t');
    expect(rows()[1]).toBe('review        refactor-api');
    await type('v', '\t');
    expect(promptLine()).toBe('› /resume review');
  });

  it('completes paths for /save, folders with a slash, hidden files only when asked, ~ as the home folder', async () => {
    const home = mkdtempSync(join(tmpdir(), 'gemma-complete-'));
    mkdirSync(join(home, 'docs'));
    writeFileSync(join(home, 'docs', 'chat.md'), '');
    writeFileSync(join(home, 'notes.md'), '');
    writeFileSync(join(home, 'notes.txt'), '');
    writeFileSync(join(home, '.secret'), '');
    vi.stubEnv('HOME', home);
    const {type, promptLine, rows} = await setup(80);
    await type('/save ~/', '\t');
    expect(rows()[1]).toBe('docs/      notes.md   notes.txt');
    await type('d', '\t');
    expect(promptLine()).toBe('› /save ~/docs/');
    await type('\t');
    expect(promptLine()).toBe('› /save ~/docs/chat.md');
    await type('\x15', `/save ${home}/.`, '\t');
    expect(promptLine()).toBe(`› /save ${home}/.secret`);
  });

  describe('paths with spaces', () => {
    function homeWithSpaces(): string {
      const home = mkdtempSync(join(tmpdir(), 'gemma-complete-'));
      for (const name of ['md.json', 'md.md', 'my talk.md']) writeFileSync(join(home, name), '');
      mkdirSync(join(home, 'sp dir'));
      for (const name of ['a b.md', 'c.json', 'say "hi".md']) writeFileSync(join(home, 'sp dir', name), '');
      vi.stubEnv('HOME', home);
      return home;
    }
    /** The argument of the prompt's /save line as /save reads it. */
    const savedPath = (line: string) => restOfLine(line.slice('› /save '.length));

    it('lists names with a space whole at 40 columns and puts the one completed in quotes, as /save reads it', async () => {
      homeWithSpaces();
      const {type, promptLine, rows} = await setup(40);
      await type('/save ~/m', '\t');
      expect(rows().slice(1)).toEqual(['md.json     md.md       my talk.md']);
      await type('\t', '\t', '\t');
      expect(promptLine()).toBe('› /save "~/my talk.md"');
      expect(savedPath(promptLine())).toBe('~/my talk.md');
      // The same from the first letters, unquoted, inside an opened quote, or past the space.
      for (const typed of ['/save ~/my', '/save "~/my', '/save ~/my t']) {
        await type('\x15', typed, '\t');
        expect(promptLine(), typed).toBe('› /save "~/my talk.md"');
      }
      await type('\x15', "/save '~/my", '\t');
      expect(promptLine()).toBe("› /save '~/my talk.md'");
    });

    it('goes into a folder with a space, its quote left open, and completes inside it', async () => {
      homeWithSpaces();
      const {type, promptLine, rows} = await setup(40);
      await type('/save ~/sp', '\t');
      expect(promptLine()).toBe('› /save "~/sp dir/');
      await type('\t');
      expect(rows().slice(1)).toEqual(['a b.md       c.json       say "hi".md']);
      await type('a', '\t');
      expect(promptLine()).toBe('› /save "~/sp dir/a b.md"');
      expect(savedPath(promptLine())).toBe('~/sp dir/a b.md');
      // A quote in the name is escaped, so it reads back as the name.
      await type('\x15', '/save ~/sp dir/s', '\t');
      expect(promptLine()).toBe('› /save "~/sp dir/say \\"hi\\".md"');
      expect(savedPath(promptLine())).toBe('~/sp dir/say "hi".md');
    });
  });
});
