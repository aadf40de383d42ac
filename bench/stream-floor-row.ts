/**
 * `stream-floor`: a 40k-token `gemma ask` stream against the least a client can do with it, a
 * bare node:http client (bench/stream-floor-client.ts, bundled, plain node) that sends the same
 * body, parses the same events and writes once per chunk. Both to /dev/null, against the
 * simulator with coalesce on (a fast local server). Wall time is the ratio; CPU time (user+sys,
 * from /usr/bin/time when installed) is in the detail.
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {build} from 'esbuild';
import {median} from './bench-support.js';
import {alternate, type Context, expectOk, gemma, GEMMA_BIN, NODE, PLAN, ratioRow, ROOT, type Row, type Run, type Side, size, timed} from './bench-kit.js';
import {longStream, resendLastStream} from './long-stream.js';

const TIME = '/usr/bin/time';

export async function streamFloorRow(ctx: Context): Promise<Row> {
  const {tokens, expectedBytes, fullAnswer} = longStream(ctx);

  // One checked run of each with stdout piped; gemma's tells the exact body the floor then sends.
  expectOk('gemma ask hi (stream)', await gemma(ctx, ['ask', 'hi'], {stdout: 'pipe'}), fullAnswer);
  const freshBody = resendLastStream(ctx);
  const dir = join(ctx.root, 'stream-floor');
  mkdirSync(dir, {recursive: true});
  const client = await bundleClient(dir);
  const bodyFile = join(dir, 'body.json');
  const cpu = {gemma: [] as number[], floor: [] as number[]};

  /** Runs `command` (under /usr/bin/time when present, its user+sys noted in `into`). */
  const run = async (what: string, command: string[], into: number[], stdout: 'pipe' | 'null'): Promise<Run> => {
    const timeFile = join(dir, 'time.txt');
    const [file, args] = existsSync(TIME) ? [TIME, ['-f', '%U %S', '-o', timeFile, ...command]] : [command[0]!, command.slice(1)];
    const result = expectOk(what, await timed(file, args, {env: ctx.env, stdout}), stdout === 'pipe' ? fullAnswer : undefined);
    if (existsSync(TIME)) {
      const [user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
      into.push(((user ?? 0) + (sys ?? 0)) * 1000);
    }
    return result;
  };
  const floorRun = (stdout: 'pipe' | 'null', into: number[]): Promise<Run> => {
    // The same body byte for byte, but for a fresh taskUUID (the simulator refuses reuse).
    writeFileSync(bodyFile, freshBody());
    return run('stream floor client', [NODE, client, ctx.sim.url, ctx.sim.apiKey, bodyFile], into, stdout);
  };
  await floorRun('pipe', []);

  const baseline: Side = {label: 'node:http floor client', run: () => floorRun('null', cpu.floor)};
  const subject: Side = {label: 'gemma ask hi', run: () => run('gemma ask hi (stream)', [NODE, GEMMA_BIN, 'ask', 'hi'], cpu.gemma, 'null')};
  const timing = await alternate(baseline, subject, PLAN.streamRuns);
  const label = `\`gemma ask hi\` against a bare node:http client, ${tokens.toLocaleString('en-US')}-token stream to /dev/null`;
  const row = ratioRow('stream-floor', label, 'floor client', 1.2, timing);
  // The warm-up runs are timed too: keep the CPU figures of the measured runs only.
  const measured = (values: number[]): number[] => values.slice(-PLAN.streamRuns);
  const [gemmaCpu, floorCpu] = [median(measured(cpu.gemma)), median(measured(cpu.floor))];
  row.detail += existsSync(TIME)
    ? `; CPU (user+sys, /usr/bin/time) median gemma ${gemmaCpu.toFixed(0)} ms, floor ${floorCpu.toFixed(0)} ms, ratio ${(gemmaCpu / floorCpu).toFixed(2)}`
    : '; no /usr/bin/time: CPU time not measured';
  row.detail += `; ${size(expectedBytes)} of text; simulator coalescing writes`;
  ctx.sim.reset();
  return row;
}

async function bundleClient(dir: string): Promise<string> {
  const outfile = join(dir, 'stream-floor-client.mjs');
  await build({
    entryPoints: [join(ROOT, 'bench', 'stream-floor-client.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
  });
  return outfile;
}
