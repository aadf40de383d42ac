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
    const limitRow = /^\| .+ \| [\d.]+ ms \| — \| — \| ≤ [\d.]+ ms \| (PASS|FAIL) \|$/;
    const labels = ['`gemma --version`', '`gemma ask hi --no-stream`', 'stream of 200 tokens', 'gemma chat --no-save`', 'render cost per token', 'terminal UI', 'piped'];
    const limitLabels = ['300-line bracketed paste until shown', 'key to echo after a 300-line paste', '10 kB one-line', 'in a pty (`script`, 100x40): 300-line', 'in a pty: key to echo'];
    expect(rows).toHaveLength(labels.length + limitLabels.length);
    labels.forEach((label, i) => {
      expect(rows[i]).toContain(label);
      expect(rows[i]).toMatch(i < 5 ? ratioRow : memoryRow);
    });
    limitLabels.forEach((label, i) => {
      expect(rows[labels.length + i]).toContain(label);
      expect(rows[labels.length + i]).toMatch(limitRow);
    });
  }, 120_000);
});
