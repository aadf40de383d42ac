import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {expectNoTrace, mountSmallDisk, runCli, simEnv} from './helpers.js';

const sim = useSimulator();
const disk = mountSmallDisk('batch-full');
afterAll(() => disk?.unmount());

describe('gemma batch -o on a full disk', () => {
  it.skipIf(!disk)('exits 1 naming ENOSPC, keeps only whole lines, and counts as done only the lines kept', async () => {
    const dir = disk!.path;
    const input = join(dir, 'in.jsonl');
    writeFileSync(input, Array.from({length: 200}, (_, i) => JSON.stringify({id: `q${i + 1}`, prompt: `question ${i + 1}`})).join('\n') + '\n');
    const out = join(dir, 'out.jsonl');
    const run = await runCli(['batch', input, '-o', out, '--delivery', 'sync', '-j', '1'], {env: simEnv(sim)});
    expect(run.code).toBe(1);
    expectNoTrace(run.stderr);
    expect(run.stderr).toContain(`gemma: could not write to ${out}: no space left on device`);
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const kept = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as {id: string});
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(200);
    // The summary's done is what the output holds, not one more (the answer the disk refused).
    expect(run.stderr).toMatch(new RegExp(`gemma: batch: ${kept.length} done, 0 failed, 0 skipped;`));
  });
});
