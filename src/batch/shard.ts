import {createHash} from 'node:crypto';
import {UsageError} from '../errors.js';

/** `--shard K/N`: this run takes shard `index` (1-based, as people count CI jobs) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

const MAX_SHARDS = 1000;
const SHARD_FORMAT = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

/** Parses `--shard 2/4`; a UsageError names what is allowed. */
export function parseShard(raw: string): Shard {
  const match = SHARD_FORMAT.exec(raw);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new UsageError(`--shard: ${JSON.stringify(raw)} is not allowed; allowed: K/N with 1 <= K <= N <= ${MAX_SHARDS}, e.g. 1/4`);
  }
  return {index, count};
}

/** The SHA-256 of an id: its shard and its key in the sets of done ids both come from it. */
export function idDigest(id: string): Buffer {
  return createHash('sha256').update(id, 'utf8').digest();
}

/**
 * The shard (1..count) an id belongs to: the first 6 bytes of its SHA-256 as a big-endian
 * integer, mod count, plus one. A cryptographic hash rather than FNV-1a: ids are often
 * sequential numbers, whose FNV-1a low bits split them unevenly for a small N. Stable across
 * machines, Node versions and runs, so N CI jobs split one input the same way every time.
 */
export function shardOf(digest: Buffer, count: number): number {
  return (digest.readUIntBE(0, 6) % count) + 1;
}

/** Whether the id is in this run's shard (every id is, without --shard). */
export function inShard(digest: Buffer, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(digest, shard.count) === shard.index;
}

/** A short key for an id in a set (96 bits of its digest): the ids themselves are never all kept. */
export function idKey(digest: Buffer): string {
  return digest.toString('base64', 0, 12);
}
