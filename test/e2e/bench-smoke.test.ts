import {execFile, execFileSync} from 'node:child_process';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';

describe('bench/chat-render.tsx', () => {
  it('runs on a tiny input and prints the ratio line', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/chat-render.tsx', '3', '30', '1'], {encoding: 'utf8', env: {...process.env, CI: ''}});
    expect(out).toMatch(/chat render cost per token: turn 3 [\d.]+ ms, turn 1 [\d.]+ ms, ratio [\d.]+ \(goal <= 1\.2\) (PASS|FAIL)/);
  });
});

describe('bench/run.ts (npm run bench)', () => {
  it('runs every row on tiny inputs and prints the table with numbers and a verdict', async () => {
    const {stdout} = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick'], {encoding: 'utf8', timeout: 90_000});
    const table = stdout.split('\n').filter((line) => line.startsWith('| '));
    expect(table[0]).toBe('| row | median | baseline (median) | ratio | goal | result |');
    const rows = table.slice(2);
    const ratioRow = /^\| .+ \| [\d.]+ ms(\/token)? \| [\d.]+ ms(\/token)? \(.+\) \| [\d.]+ \| ≤ [\d.]+ \| (PASS|FAIL) \|$/;
    const memoryRow = /^\| .+ \| [\d.]+ MB \| — \| — \| ≤ 150 MB \| (PASS|FAIL) \|$/;
    const limitRow = /^\| .+ \| [\d.]+ \S+ \| — \| — \| ≤ [\d.]+ \S+ \| (PASS|FAIL) \|$/;
    const expected: Array<[string, RegExp]> = [
      ['`gemma --version`', ratioRow],
      ['`gemma ask hi --no-stream`', ratioRow],
      ['stream of 200 tokens', ratioRow],
      ['gemma chat --no-save`', ratioRow],
      ['render cost per token', ratioRow],
      ['terminal UI', memoryRow],
      ['piped', memoryRow],
      ['answer writes per chunk read', limitRow],
      ['against a bare node:http client', ratioRow],
      ['time to the prompt in a terminal', ratioRow],
      ['`gemma chat -c`', limitRow],
      ['300-line bracketed paste until shown', limitRow],
      ['key to echo after a 300-line paste', limitRow],
      ['10 kB one-line', limitRow],
      ['in a pty (`script`, 100x40): 300-line', limitRow],
      ['in a pty: key to echo', limitRow],
      ['one paragraph vs paragraphs', ratioRow],
      ['paragraph, Enter to its footer', limitRow],
      ['gemma batch: 160 prompts', ratioRow],
      ['gemma batch peak RSS: 10,000 prompts vs 1,000', /^\| .+ \| [\d.]+ MB \| [\d.]+ MB \(.+\) \| [\d.]+ \| ≤ [\d.]+ \| (PASS|FAIL) \|$/],
    ];
    expect(rows).toHaveLength(expected.length);
    expected.forEach(([label, shape], i) => {
      expect(rows[i]).toContain(label);
      expect(rows[i]).toMatch(shape);
    });
  }, 120_000);
});
