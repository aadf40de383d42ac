import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';

describe('bench/chat-render.tsx', () => {
  it('runs on a tiny input and prints the ratio line', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/chat-render.tsx', '3', '30', '1'], {encoding: 'utf8', env: {...process.env, CI: ''}});
    expect(out).toMatch(/chat render cost per token: turn 3 [\d.]+ ms, turn 1 [\d.]+ ms, ratio [\d.]+ \(goal <= 1\.2\) (PASS|FAIL)/);
  });
});
