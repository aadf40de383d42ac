/**
 * `writes`: how many write(2) calls `gemma ask` makes to a stdout pipe for a 40k-token stream,
 * against the chunks it read from the socket (the goal: at most one per chunk). Counted by strace
 * when it is installed (write/writev on fd 1, successful reads of the TCP socket); else by the
 * preload test/support/count-stream-io.cjs (process.stdout.write calls, socket pushes).
 */
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {type Context, expectOk, GEMMA_BIN, NODE, ROOT, type Row, type Run, size, timed} from './bench-kit.js';
import {longStream} from './long-stream.js';

const STRACE = ['/usr/bin/strace', '/bin/strace'].find((path) => existsSync(path));

interface Counted {
  how: string;
  /** Writes to stdout, the closing newline's included. */
  writes: number;
  reads: number;
  readBytes?: number;
  run: Run;
}

export async function writesRow(ctx: Context): Promise<Row> {
  const {tokens, expectedBytes, fullAnswer: check} = longStream(ctx);
  const counted = STRACE ? await viaStrace(ctx, STRACE, check) : await viaPreload(ctx, check);
  ctx.sim.reset();
  // The answer has no final newline, so gemma adds one at the end, in a write of its own after the
  // last chunk: the goal is about the answer's writes.
  const closing = counted.run.stdoutBytes - expectedBytes;
  const textWrites = counted.writes - closing;
  return {
    kind: 'limit',
    key: 'writes',
    label: `answer writes per chunk read, ${tokens.toLocaleString('en-US')}-token \`gemma ask hi\` to a pipe`,
    value: textWrites / counted.reads,
    unit: 'writes/chunk',
    goal: 1,
    detail:
      `${counted.how}: ${counted.writes} writes to stdout (${textWrites} of answer text${closing ? ', 1 closing newline' : ''}) ` +
      `for ${counted.reads} chunks read from the socket` +
      `${counted.readBytes === undefined ? '' : ` (${size(counted.readBytes)} of SSE)`}; ${tokens.toLocaleString('en-US')} tokens, ` +
      `${size(counted.run.stdoutBytes)} of text (one write per token would be ${tokens.toLocaleString('en-US')})`,
  };
}

/**
 * strace -f -y: each write(2)/writev(2) on fd 1, each read(2) of a socket that returned data (in
 * a container strace may name it `socket:[inode]` rather than `TCP:[...]`; `ask` reads no other).
 */
async function viaStrace(ctx: Context, strace: string, check: (r: Run) => string | undefined): Promise<Counted> {
  const out = join(mkdtempSync(join(ctx.root, 'strace-')), 'trace.txt');
  const args = ['-f', '-qq', '-y', '-s', '0', '-e', 'trace=read,write,writev', '-o', out, NODE, GEMMA_BIN, 'ask', 'hi'];
  const run = expectOk('strace gemma ask hi', await timed(strace, args, {env: ctx.env, stdout: 'pipe', timeoutMs: 300_000}), check);
  let writes = 0;
  let reads = 0;
  let readBytes = 0;
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    if (/\b(write|writev)\(1</.test(line)) writes++;
    const read = /\bread\(\d+<(?:TCP|TCPv6|socket):.*\)\s+=\s+(\d+)$/.exec(line);
    if (read && Number(read[1]) > 0) {
      reads++;
      readBytes += Number(read[1]);
    }
  }
  if (reads === 0) throw new Error(`strace saw no socket reads (see ${out})`);
  return {how: 'strace -f -y -e trace=read,write,writev', writes, reads, readBytes, run};
}

async function viaPreload(ctx: Context, check: (r: Run) => string | undefined): Promise<Counted> {
  const countsFile = join(mkdtempSync(join(ctx.root, 'counts-')), 'counts.json');
  const hook = join(ROOT, 'test', 'support', 'count-stream-io.cjs');
  const env = {...ctx.env, NODE_OPTIONS: `--require=${hook}`, STREAM_COUNTS_FILE: countsFile};
  const run = expectOk('gemma ask hi (counting preload)', await timed(NODE, [GEMMA_BIN, 'ask', 'hi'], {env, stdout: 'pipe'}), check);
  const counts = JSON.parse(readFileSync(countsFile, 'utf8')) as {reads: number; readBytes: number; writes: number};
  return {how: 'no strace; process.stdout.write calls and socket reads counted by a preload', ...counts, run};
}
