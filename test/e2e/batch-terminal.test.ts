import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliEnv, runCli, tempHome} from '../support/run-cli.js';
import {runInPty} from '../support/run-in-pty.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

function input(count: number): {dir: string; path: string} {
  const dir = mkdtempSync(join(tmpdir(), 'gemma-batch-tty-'));
  const path = join(dir, 'in.jsonl');
  writeFileSync(path, Array.from({length: count}, (_, i) => JSON.stringify({id: `q${i + 1}`, prompt: `question ${i + 1}`})).join('\n'));
  return {dir, path};
}

describe('gemma batch progress', () => {
  it('draws a progress bar on a terminal, redrawn a few times a second at most', async () => {
    sim.setDefault({holdMs: 150});
    const {dir, path} = input(8);
    const started = Date.now();
    const run = await runInPty(['batch', path, '-o', join(dir, 'out.jsonl'), '--delivery', 'sync', '-j', '1'], cliEnv(tempHome(), {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, TERM: 'xterm'}), 120);
    const seconds = (Date.now() - started) / 1000;
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/#{20} 8\/8 \| 0 failed \| 0 in flight \| [\d.]+ items\/s \| \d+ tok\/s \| \$[\d.]+ \| ETA 0 s/);
    expect(run.output).toMatch(/gemma: batch: 8 done, 0 failed, 0 skipped;/);
    // cli-progress rewrites the line from its start (a carriage return or a cursor move) at each redraw.
    const redraws = run.output.split(/\r|\u001b\[\d*G/).length - 1;
    expect(redraws).toBeGreaterThan(1);
    expect(redraws).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 4);
    expect(readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n')).toHaveLength(8);
  });

  it('prints plain progress lines, not the bar, when the results go to the same terminal', async () => {
    sim.setDefault({holdMs: 150});
    const {path} = input(3);
    const run = await runInPty(['batch', path, '--delivery', 'sync', '-j', '1'], cliEnv(tempHome(), {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, TERM: 'xterm', GEMMA_BATCH_PROGRESS_MS: '100'}), 120);
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/gemma: batch: \d\/3 finished, 0 failed/);
    expect(run.output).not.toContain('#####');
    expect(run.output.match(/"id":"q\d"/g)).toHaveLength(3);
  });

  it('off a terminal loads neither the bar nor React', async () => {
    const {dir, path} = input(2);
    const hook = join(dir, 'record-loaded.cjs');
    writeFileSync(hook, "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED_OUT, Object.keys(require.cache).join('\\n')));\n");
    const out = join(dir, 'loaded.txt');
    const run = await runCli(['batch', path, '--delivery', 'sync'], {env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, NODE_OPTIONS: `--require ${hook}`, LOADED_OUT: out}});
    expect(run.code).toBe(0);
    const loaded = readFileSync(out, 'utf8');
    expect(loaded).toContain('lazy-imports.cjs');
    expect(loaded).not.toMatch(/cli-progress|[\\/]react[\\/]|[\\/]ink[\\/]|run-chat-app/);
  });
});
