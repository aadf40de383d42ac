import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {simEnv, startCli, tempHome} from '../faults/helpers.js';
import {useSimulator} from '../support/use-simulator.js';

// A fast server: many events per network chunk, as a real one sends a quick answer.
const sim = useSimulator({coalesce: true});

/** Preloaded into gemma: counts chunks read, stdout writes and the most output queued (see the file). */
const HOOK = fileURLToPath(new URL('../support/count-stream-io.cjs', import.meta.url));

interface Counts {
  reads: number;
  writes: number;
  maxQueued: number;
}

const runs = mkdtempSync(join(tmpdir(), 'gemma-stream-writes-'));

/** `count` distinct words (so a lost or doubled chunk shows), with a café for multi-byte text. */
const answerOf = (count: number): string => Array.from({length: count}, (_, i) => (i % 97 === 0 ? `café${i}` : `w${i}`)).join(' ');

const COMMANDS = [
  {command: 'ask', args: ['ask', 'hi'], stdin: undefined},
  {command: 'piped chat', args: ['chat', '--no-save'], stdin: 'hi\n'},
] as const;

/** Runs gemma with the counting hook; `throttle` reads stdout in small steps, a slow reader. */
async function counted(args: readonly string[], stdin: string | undefined, throttle = false) {
  const countsFile = join(mkdtempSync(join(runs, 'run-')), 'counts.json');
  const live = startCli([...args], {
    env: simEnv(sim, tempHome(), {NODE_OPTIONS: `--require=${HOOK}`, STREAM_COUNTS_FILE: countsFile}),
    ...(stdin === undefined ? {} : {stdin}),
    killAfterMs: 60_000,
  });
  if (throttle) {
    // Each chunk read makes the reader stop for a moment: gemma's output outruns it all along.
    const out = live.child.stdout!;
    out.on('data', () => {
      out.pause();
      setTimeout(() => out.resume(), 2);
    });
  }
  const result = await live.done;
  return {result, stdout: result.stdout, counts: JSON.parse(readFileSync(countsFile, 'utf8')) as Counts};
}

describe.each(COMMANDS)('$command: a streamed answer from a fast server', ({args, stdin}) => {
  it('is written once per network chunk read, never once per token, byte for byte', async () => {
    const tokens = 20_000;
    const answer = answerOf(tokens);
    sim.script({answer, reasoning: ''});
    const {result, stdout, counts} = await counted(args, stdin);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(stdout).toBe(`${answer}\n`);
    // The final newline is a write of its own; every other write is the text of one chunk read.
    expect(counts.writes - 1).toBeLessThanOrEqual(counts.reads);
    expect(counts.writes).toBeLessThan(tokens / 50);
  }, 60_000);

  it('waits for a slow reader: gemma never queues more than a chunk or two of output', async () => {
    // About 4 MB of text, some 17 MB of SSE: without back-pressure most of it would queue in gemma.
    const answer = answerOf(400_000);
    sim.script({answer, reasoning: ''});
    const {result, stdout, counts} = await counted(args, stdin, true);
    expect(result.code).toBe(0);
    expect(stdout.length).toBe(answer.length + 1);
    expect(stdout === `${answer}\n`).toBe(true);
    // Node's 16 KiB mark plus the one write that passed it (then gemma waits for 'drain'): about
    // 20 KB here. Without waiting, 0.6-1.5 MB queued in this test.
    expect(counts.maxQueued).toBeLessThan(128 * 1024);
  }, 60_000);
});
