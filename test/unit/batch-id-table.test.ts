import {describe, expect, it} from 'vitest';
import {IdTable} from '../../src/batch/id-table.js';
import {idDigest} from '../../src/batch/shard.js';

describe('the first pass\'s table of ids seen', () => {
  it('records each id with its first line, and names that line for every later duplicate, across growth', () => {
    const table = new IdTable();
    const count = 50_000;
    for (let line = 1; line <= count; line++) expect(table.firstLine(idDigest(`q${line}`), line)).toBeUndefined();
    // After many doublings every id is still found, with the line it was first on.
    for (const line of [1, 2, 1023, 1024, 1025, 31_337, count]) expect(table.firstLine(idDigest(`q${line}`), count + line)).toBe(line);
    expect(table.firstLine(idDigest('q0'), count + 1)).toBeUndefined();
    expect(table.firstLine(idDigest('q0'), count + 2)).toBe(count + 1);
  });

  it('tells ids apart that share the first 32 bits of their digest (the slot they hash to)', () => {
    const table = new IdTable();
    const a = Buffer.alloc(32, 0);
    const b = Buffer.alloc(32, 0);
    b[11] = 1;
    expect(table.firstLine(a, 1)).toBeUndefined();
    expect(table.firstLine(b, 2)).toBeUndefined();
    expect(table.firstLine(a, 3)).toBe(1);
    expect(table.firstLine(b, 4)).toBe(2);
  });
});
