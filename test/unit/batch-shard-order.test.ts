import {describe, expect, it} from 'vitest';
import {ReorderBuffer} from '../../src/batch/reorder-buffer.js';
import {idDigest, inShard, parseShard, shardOf} from '../../src/batch/shard.js';

describe('--shard', () => {
  it('reads K/N, 1-based, and refuses anything else', () => {
    expect(parseShard('1/2')).toEqual({index: 1, count: 2});
    expect(parseShard(' 3 / 4 ')).toEqual({index: 3, count: 4});
    for (const bad of ['0/2', '3/2', '1/0', '2', 'a/b', '1/1001', '-1/2']) {
      expect(() => parseShard(bad)).toThrow(`--shard: ${JSON.stringify(bad)} is not allowed; allowed: K/N with 1 <= K <= N <= 1000, e.g. 1/4`);
    }
  });

  it('puts an id in the same shard on every run and machine (known values)', () => {
    // sha256("1") starts 6b86b273ff34: 0x6b86b273ff34 mod 2 = 0, mod 3 = 1, mod 7 = 4.
    expect(shardOf(idDigest('1'), 2)).toBe(1);
    expect(shardOf(idDigest('1'), 3)).toBe(2);
    expect(shardOf(idDigest('1'), 7)).toBe(5);
    expect(shardOf(idDigest('café'), 5)).toBe(shardOf(idDigest('café'), 5));
    expect(inShard(idDigest('anything'), undefined)).toBe(true);
  });

  it('gives each id exactly one shard and splits sequential ids evenly (each shard within 10% of its share)', () => {
    for (const count of [2, 3, 8]) {
      const sizes = new Array<number>(count).fill(0);
      let ambiguous = 0;
      for (let i = 1; i <= 10_000; i++) {
        const digest = idDigest(String(i));
        const shards = Array.from({length: count}, (_, k) => inShard(digest, {index: k + 1, count})).filter(Boolean);
        if (shards.length !== 1) ambiguous += 1;
        sizes[shardOf(digest, count) - 1] = (sizes[shardOf(digest, count) - 1] ?? 0) + 1;
      }
      expect(ambiguous).toBe(0);
      const fair = 10_000 / count;
      expect(sizes.map((size) => Math.abs(size - fair) / fair).every((off) => off < 0.1), `shard sizes ${sizes.join(', ')}`).toBe(true);
    }
  });
});

describe('the reorder buffer (--ordered)', () => {
  it('writes in admission order whatever order items finish in', async () => {
    const written: string[] = [];
    const buffer = new ReorderBuffer<string>(10, (value) => written.push(value));
    for (const key of [1, 2, 3, 5]) await buffer.admit(key);
    buffer.finish(3, 'c');
    buffer.finish(2, 'b');
    expect(written).toEqual([]);
    buffer.finish(1, 'a');
    expect(written).toEqual(['a', 'b', 'c']);
    buffer.finish(5, 'e');
    expect(written).toEqual(['a', 'b', 'c', 'e']);
    expect(buffer.size).toBe(0);
  });

  it('when full, admits no more until the head finishes', async () => {
    const written: number[] = [];
    const buffer = new ReorderBuffer<number>(3, (value) => written.push(value));
    for (const key of [1, 2, 3]) await buffer.admit(key);
    let fourth = false;
    const admitting = buffer.admit(4).then(() => (fourth = true));
    buffer.finish(2, 2);
    buffer.finish(3, 3);
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Two of three finished, but the head has not: still full, the fourth waits.
    expect(fourth).toBe(false);
    expect(buffer.size).toBe(3);
    buffer.finish(1, 1);
    await admitting;
    expect(fourth).toBe(true);
    expect(written).toEqual([1, 2, 3]);
    expect(buffer.size).toBe(1);
  });

  it('holds at most its capacity over a long run with a slow head', async () => {
    const written: number[] = [];
    const buffer = new ReorderBuffer<number>(8, (value) => written.push(value));
    let most = 0;
    const inFlight: number[] = [];
    for (let key = 1; key <= 5000; key++) {
      await buffer.admit(key);
      inFlight.push(key);
      most = Math.max(most, buffer.size);
      // Finish all but the oldest; every 8th round the oldest too.
      if (inFlight.length === 8) {
        for (const k of inFlight.splice(1)) buffer.finish(k, k);
        buffer.finish(inFlight.shift() as number, inFlight.length);
      }
    }
    expect(most).toBeLessThanOrEqual(8);
    expect(written).toHaveLength(5000 - inFlight.length);
  });

  it('writes what finished, in order, past the gaps of items that never will (a stop)', async () => {
    const written: string[] = [];
    const buffer = new ReorderBuffer<string>(10, (value) => written.push(value));
    for (const key of [1, 2, 3, 4]) await buffer.admit(key);
    buffer.finish(4, 'd');
    buffer.finish(2, 'b');
    buffer.flush();
    expect(written).toEqual(['b', 'd']);
    expect(buffer.size).toBe(0);
  });
});
