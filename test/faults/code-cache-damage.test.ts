import {createHash} from 'node:crypto';
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {runCli} from './helpers.js';

const sim = useSimulator();

/** mulberry32: the same 30 offsets on every run, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Whether a cache file is whole, by the layout src/launch/run-with-code-cache.ts writes:
 * "GMC1", the payload's length (uint32 LE), its sha256, the payload.
 */
function isValidCache(file: Buffer): boolean {
  if (file.subarray(0, 4).toString('latin1') !== 'GMC1') return false;
  const payload = file.subarray(40);
  return file.readUInt32LE(4) === payload.length && createHash('sha256').update(payload).digest().equals(file.subarray(8, 40));
}

const cases = [
  {args: ['--version'], suffix: '-other.bin', stdout: /^\d+\.\d+\.\d+\S*\n$/},
  {args: ['ask', 'hi', '--no-stream'], suffix: '-ask.bin', stdout: /^You said: hi/},
] as const;

describe('a damaged code cache costs a recompile, never a crash', () => {
  it.each(cases)('gemma $args.0: one changed byte at 30 offsets: each run exits 0 with its output and writes the cache anew', async ({args, suffix, stdout}) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gemma-cache-damage-')), 'cache');
    const gemma = () => runCli([...args], {env: {GEMMA_CACHE_DIR: dir, RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey}});
    const first = await gemma();
    expect(first.code).toBe(0);
    const name = readdirSync(dir).find((entry) => entry.endsWith(suffix));
    expect(name).toBeDefined();
    const file = join(dir, name!);
    const random = seeded(20261201);
    const outcomes: string[] = [];
    for (let i = 0; i < 30; i++) {
      const bytes = readFileSync(file);
      const offset = Math.floor(random() * bytes.length);
      // XOR with 1..255: the byte really changes.
      bytes[offset] = bytes[offset]! ^ (1 + Math.floor(random() * 255));
      writeFileSync(file, bytes);
      const run = await gemma();
      const rewritten = readFileSync(file);
      const ok = run.code === 0 && run.signal === null && stdout.test(run.stdout) && run.stderr === '' && !rewritten.equals(bytes) && isValidCache(rewritten);
      if (!ok) outcomes.push(`offset ${offset}: code ${run.code} signal ${run.signal} stderr ${JSON.stringify(run.stderr.slice(0, 80))} valid ${isValidCache(rewritten)}`);
    }
    expect(outcomes).toEqual([]);
    // The last one written is accepted as it is: the next run leaves it alone.
    const accepted = readFileSync(file);
    const again = await gemma();
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(readFileSync(file).equals(accepted)).toBe(true);
  }, 120_000);
});
