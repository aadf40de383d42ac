import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {loadSources} from '../../src/context/load-sources.js';
import {UsageError} from '../../src/errors.js';
import {Estimate} from '../../src/batch/estimate.js';
import {detectFormat, inputLines, parseFormat, spoolStdin} from '../../src/batch/read-input.js';
import {scanInput, type Selection} from '../../src/batch/scan-input.js';
import {checkLine} from '../../src/batch/validate-line.js';

const folder = (): string => mkdtempSync(join(tmpdir(), 'gemma-batch-input-'));
function file(content: string, name = 'in.jsonl', dir = folder()): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const loadFiles = (cwd: string) => (files: readonly string[]) =>
  loadSources(files, {cwd, readStdin: () => Promise.reject(new Error('no stdin')), fetching: {useProxy: false, loadUndici: () => import('undici'), loadTurndown: () => import('turndown'), userAgent: 'test'}});
const selection = (path: string, extra: Partial<Selection> = {}): Selection => ({path, format: 'jsonl', runs: () => true, ...extra});

async function problemsOf(path: string, cwd = folder()): Promise<string> {
  try {
    await scanInput(selection(path), {name: 'in.jsonl', flags: new Map(), loadFiles: loadFiles(cwd)});
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no problem found');
}

describe('reading the input', () => {
  it('streams the non-blank lines with their line numbers, without a BOM or CR', async () => {
    const path = file('\uFEFFfirst\r\n\n  \nsecond\nthird');
    const lines = [];
    for await (const line of inputLines(path)) lines.push(line);
    expect(lines).toEqual([{line: 1, text: 'first'}, {line: 4, text: 'second'}, {line: 5, text: 'third'}]);
  });

  it('takes JSONL when the first non-blank line is an object, plain text otherwise', async () => {
    expect(await detectFormat(file('\n  {"prompt": "a"}\n'))).toBe('jsonl');
    expect(await detectFormat(file('what is {this}?\n{"prompt": "a"}\n'))).toBe('text');
    expect(parseFormat('JSONL')).toBe('jsonl');
    expect(() => parseFormat('csv')).toThrow('--format: "csv" is not allowed; allowed: jsonl or text');
  });

  it('names a missing input', async () => {
    const missing = join(folder(), 'nope.jsonl');
    await expect(async () => {
      for await (const line of inputLines(missing)) void line;
    }).rejects.toThrow(`${missing}: no such file or folder; allowed: a readable JSONL or text file, or - for stdin`);
    const dir = folder();
    await expect(detectFormat(dir)).rejects.toThrow(`${dir} is a folder; allowed: a readable JSONL or text file, or - for stdin`);
  });

  it('spools stdin to a private file that can be read twice, and removes it', async () => {
    const spool = await spoolStdin(Readable.from(['{"prompt": "a"}\n', '{"prompt": "b"}\n']));
    for (let pass = 0; pass < 2; pass++) {
      const texts = [];
      for await (const {text} of inputLines(spool.path)) texts.push(text);
      expect(texts).toEqual(['{"prompt": "a"}', '{"prompt": "b"}']);
    }
    spool.remove();
    await expect(detectFormat(spool.path)).rejects.toThrow('no such file');
  });
});

describe('checking a line', () => {
  it('gives a plain-text line its line number as id', () => {
    expect(checkLine({line: 7, text: 'why?'}, 'text')).toEqual({ok: true, fields: {id: '7', line: 7, prompt: 'why?', files: [], settings: new Map()}});
  });

  it('reads the id, prompt, system, files and settings of a JSONL line, settings by config or flag name', () => {
    const checked = checkLine({line: 3, text: JSON.stringify({id: 'a', prompt: 'p', system: 's', files: ['x.md'], settings: {temperature: 0.2, 'max-tokens': 50, stopSequences: ['##']}})}, 'jsonl');
    expect(checked).toEqual({ok: true, fields: {id: 'a', line: 3, prompt: 'p', system: 's', files: ['x.md'], settings: new Map<string, unknown>([['temperature', 0.2], ['maxTokens', 50], ['stopSequences', ['##']]])}});
    expect(checkLine({line: 9, text: '{"prompt": "p", "id": 12}'}, 'jsonl')).toMatchObject({ok: true, fields: {id: '12'}});
    expect(checkLine({line: 9, text: '{"prompt": "p"}'}, 'jsonl')).toMatchObject({ok: true, fields: {id: '9'}});
  });

  it('names every problem of a line', () => {
    const checked = checkLine({line: 1, text: JSON.stringify({prompt: '', colour: 'red', settings: {temprature: 1, topK: 500, baseUrl: 'http://x', deliveryMethod: 'sync'}})}, 'jsonl');
    expect(checked).toEqual({ok: false, id: '1', problems: [
      'unknown field "colour"; allowed: id, prompt, system, files, settings',
      '"prompt" must be a non-empty string',
      'settings: unknown setting "temprature"; did you mean temperature?',
      'settings.topK: "500" is out of range; allowed: a whole number from 1 to 100',
      expect.stringMatching(/^settings\.baseUrl applies to the whole run: give it as a flag; allowed per line: model, systemPrompt, temperature/),
      expect.stringMatching(/^settings\.deliveryMethod applies to the whole run/),
    ]});
    expect(checkLine({line: 1, text: '{"prompt": "p", "files": ["-", "https://x.org"]}'}, 'jsonl')).toEqual({ok: false, id: '1', problems: [
      '"files": "-" is not allowed in a batch; allowed: local files, directories or globs',
      '"files": "https://x.org" is not allowed in a batch; allowed: local files, directories or globs',
    ]});
    expect(checkLine({line: 1, text: '[1]'}, 'jsonl')).toMatchObject({ok: false, problems: [expect.stringMatching(/^not a JSON object/)]});
    expect(checkLine({line: 1, text: '{"prompt": '}, 'jsonl')).toMatchObject({ok: false, problems: [expect.stringMatching(/^not JSON \(.*\); allowed: one JSON object a line$/)]});
    expect(checkLine({line: 1, text: '{"prompt": "p", "system": "s", "settings": {"systemPrompt": "t"}}'}, 'jsonl')).toEqual({ok: false, id: '1', problems: ['"system" and settings.systemPrompt both given; allowed: one of them']});
  });
});

describe('the first pass', () => {
  it('lists every problem by line number: malformed lines, bad settings, duplicate ids, missing files', async () => {
    const cwd = folder();
    writeFileSync(join(cwd, 'here.md'), 'notes');
    const path = file([
      '{"id": "a", "prompt": "fine", "files": ["here.md"]}',
      'not json',
      '{"id": "b", "prompt": "x", "settings": {"temperature": 3}}',
      '{"id": "a", "prompt": "again"}',
      '{"id": "c", "prompt": "x", "files": ["gone.md"]}',
      '{"id": "d", "prompt": "x", "settings": {"images": ["gone.png"]}}',
      '{"id": "b", "prompt": "the id of a line with a problem of its own is taken too"}',
    ].join('\n'));
    expect((await problemsOf(path, cwd)).split('\n')).toEqual([
      'in.jsonl: 6 problems; nothing was sent:',
      expect.stringMatching(/^ {2}line 2: not JSON/),
      '  line 3: settings.temperature: "3" is out of range; allowed: a number from 0 to 2 in steps of 0.01',
      '  line 4: duplicate id "a" (first on line 1); allowed: each id once',
      '  line 5: -f "gone.md": no such file or directory; allowed: a text file (at most 256 kB), a directory, a quoted glob, an image or video (no URL or - in a batch)',
      '  line 6: image: "gone.png": no such file; allowed: a file path, URL, data URI or media UUID',
      '  line 7: duplicate id "b" (first on line 3); allowed: each id once',
    ]);
  });

  it('names a binary file\'s lines (not UTF-8, a NUL byte) in either format, not sent as prompts', async () => {
    const dir = folder();
    const path = join(dir, 'in.jsonl');
    writeFileSync(path, Buffer.concat([Buffer.from('fine prompt\n'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), Buffer.from('a\u0000b\nlast \u00e9\n')]));
    const lines = [];
    for await (const line of inputLines(path)) lines.push(line);
    expect(lines).toEqual([
      {line: 1, text: 'fine prompt'},
      {line: 2, text: '', problem: 'not UTF-8 text (is it a binary file?); allowed: UTF-8 text, one JSON object or one prompt a line'},
      {line: 3, text: '', problem: 'holds a NUL byte (is it a binary file?); allowed: UTF-8 text, one JSON object or one prompt a line'},
      {line: 4, text: 'last \u00e9'},
    ]);
    const error = scanInput(selection(path, {format: 'text'}), {name: 'in.txt', flags: new Map(), loadFiles: loadFiles(dir)});
    await expect(error).rejects.toThrow(/^in\.txt: 2 problems; nothing was sent:\n {2}line 2: not UTF-8 text .*\n {2}line 3: holds a NUL byte/);
  });

  it('refuses a line over 16 MB without gathering it, and reads the lines after it', async () => {
    const dir = folder();
    const path = join(dir, 'in.jsonl');
    writeFileSync(path, `{"id": "a", "prompt": "${'x'.repeat(17 * 1024 * 1024)}"}\n{"id": "b", "prompt": "short"}\n`);
    const lines = [];
    for await (const line of inputLines(path)) lines.push(line);
    expect(lines).toEqual([
      {line: 1, text: '', problem: 'longer than 16 MB; allowed: lines of at most 16 MB (put long text in a file and name it in "files")'},
      {line: 2, text: '{"id": "b", "prompt": "short"}'},
    ]);
    expect(await problemsOf(path, dir)).toBe('in.jsonl: 1 problem; nothing was sent:\n  line 1: longer than 16 MB; allowed: lines of at most 16 MB (put long text in a file and name it in "files")');
  });

  it('lists the first 20 problems and counts the rest', async () => {
    const path = file(Array.from({length: 25}, () => '{"prompt": 1}').join('\n'));
    const lines = (await problemsOf(path)).split('\n');
    expect(lines[0]).toBe('in.jsonl: 25 problems; nothing was sent:');
    expect(lines.slice(1, 21)).toEqual(Array.from({length: 20}, (_, i) => `  line ${i + 1}: "prompt" must be a non-empty string`));
    expect(lines[21]).toBe('  and 5 more');
    expect(lines).toHaveLength(22);
  });

  it('counts what runs, what another shard takes and what the output holds', async () => {
    const path = file(Array.from({length: 100}, (_, i) => `question ${i}`).join('\n'), 'in.txt');
    const all = await scanInput(selection(path, {format: 'text'}), {name: 'in.txt', flags: new Map(), loadFiles: loadFiles(folder())});
    expect(all).toEqual({total: 100, outOfShard: 0, skipped: 0, toRun: 100});
    let asked = 0;
    const half = await scanInput(selection(path, {format: 'text', shard: {index: 1, count: 2}, runs: () => asked++ % 2 === 0}), {name: 'in.txt', flags: new Map(), loadFiles: loadFiles(folder())});
    expect(half.total).toBe(100);
    expect(half.outOfShard + half.skipped + half.toRun).toBe(100);
    expect(half.skipped + half.toRun).toBe(asked);
    expect(half.toRun).toBe(Math.ceil(asked / 2));
  });

  it('adds up the estimate over the items that run: prompt, inlined files, system prompt, max-tokens', async () => {
    const cwd = folder();
    writeFileSync(join(cwd, 'doc.md'), 'x'.repeat(400));
    const path = file([
      JSON.stringify({prompt: 'a'.repeat(40), settings: {maxTokens: 100}}),
      JSON.stringify({prompt: 'b'.repeat(40), files: ['doc.md']}),
    ].join('\n'));
    const estimate = new Estimate();
    await scanInput(selection(path), {name: 'in.jsonl', flags: new Map([['systemPrompt', 's'.repeat(80)]]), loadFiles: loadFiles(cwd), estimate});
    // Each: a message (5 + 10) and the system prompt (5 + 20); the second adds the fenced file (400 chars, its fence and name).
    expect(estimate.items).toBe(2);
    expect(estimate.inputTokens).toBeGreaterThanOrEqual(2 * 40 + 100);
    expect(estimate.inputTokens).toBeLessThan(2 * 40 + 100 + 10);
    expect(estimate.outputTokensMax).toBe(100 + 4096);
    expect(estimate.assumedItems).toBe(1);
  });
});
