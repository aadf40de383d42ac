import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {expectNoTrace, simEnv, startCli, tempHome, waitUntil} from './helpers.js';

const sim = useSimulator();

/**
 * An answer of `count` tokens of exactly `size` bytes each (ASCII, then an é, then a space).
 * 10 MB is 100_000 tokens of 100 bytes for ask (100_000 events); for chat it is 10_000 tokens of
 * 1_000 bytes, so that a chat whose cost grows with the square of the answer fails in seconds
 * instead of minutes.
 */
function answerOf(count: number, size: number): string {
  const word = (i: number) => `${String(i).padStart(8, '0')}${'x'.repeat(size - 11)}é`;
  return Array.from({length: count}, (_, i) => word(i)).join(' ');
}

interface Measured {
  code: number | null;
  stderr: string;
  stdoutBytes: number;
  stdoutSha: string;
  peakKiB: number;
}

/** Runs gemma under /usr/bin/time and returns its peak RSS (KiB) with the size and hash of stdout. */
async function measure(command: 'ask' | 'chat', answer: string): Promise<Measured> {
  sim.script({answer, reasoning: ''});
  const home = tempHome();
  const timeFile = join(home.configDir, '..', 'time.txt');
  const hash = createHash('sha256');
  const live = startCli(command === 'ask' ? ['ask', 'hi'] : ['chat'], {
    env: simEnv(sim, home),
    home,
    stdin: command === 'chat' ? 'hi\n' : '',
    prefix: ['/usr/bin/time', '-f', '%M', '-o', timeFile],
    countOnly: true,
    // Generous for a 10 MB stream (ask takes about 2 s); a run past it is killed and reported.
    killAfterMs: 25_000,
  });
  live.child.stdout!.on('data', (chunk: Buffer) => hash.update(chunk));
  const result = await live.done;
  return {
    code: result.code,
    stderr: result.stderr,
    stdoutBytes: live.stdoutBytes(),
    stdoutSha: hash.digest('hex'),
    peakKiB: peakOf(timeFile),
  };
}

/** The last line /usr/bin/time wrote (%M, KiB); NaN when it was killed before writing. */
function peakOf(timeFile: string): number {
  try {
    return Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
  } catch {
    return Number.NaN;
  }
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(['ask', 'chat'] as const)('gemma %s with a very large answer', (command) => {
  // ask keeps nothing of a streamed answer: its memory stays flat. chat must keep the answer, as
  // the conversation it sends next turn, and writes it to the session as one JSON line (a few
  // transient copies of 10 MB), so it may grow by about ten times the answer, never more: the
  // quadratic slicing this guards against went past 4 GB.
  const limitMB = command === 'ask' ? 40 : 100;
  it(`streams a 10 MB answer through completely, in bounded memory (peak RSS within ${limitMB} MB of a 100 KB answer)`, async () => {
    const size = command === 'ask' ? 100 : 1_000;
    const small = answerOf(100_000 / size, size);
    const large = answerOf(10_000_000 / size, size);
    expect(Buffer.byteLength(large)).toBe(10_000_000 - 1);
    const a = await measure(command, small);
    const b = await measure(command, large);
    const mb = (kib: number) => Math.round((kib * 1024) / 1e5) / 10;
    const summary = (run: Measured, answer: string) => ({
      code: run.code,
      stderrFirstLine: run.stderr.trim().split('\n')[0] ?? '',
      stdoutBytes: run.stdoutBytes,
      stdoutComplete: run.stdoutSha === sha(`${answer}\n`),
    });
    // One object, so a failure shows everything at once: exit codes, stdout sizes, both peaks
    // and the difference (MB = 10^6 bytes).
    expect({
      small: summary(a, small),
      large: summary(b, large),
      smallPeakMB: mb(a.peakKiB),
      largePeakMB: mb(b.peakKiB),
      growthMB: mb(b.peakKiB - a.peakKiB),
    }).toEqual({
      small: {code: 0, stderrFirstLine: '', stdoutBytes: Buffer.byteLength(small) + 1, stdoutComplete: true},
      large: {code: 0, stderrFirstLine: '', stdoutBytes: Buffer.byteLength(large) + 1, stdoutComplete: true},
      smallPeakMB: expect.any(Number),
      largePeakMB: expect.any(Number),
      growthMB: expect.toSatisfy((n: number) => n < limitMB, `under ${limitMB} MB`),
    });
  }, 55_000);
});

describe('gemma with stdout closed early (| head -c 10)', () => {
  it.each([
    {command: 'ask', args: ['ask', 'hi'], stdin: undefined},
    {command: 'plain chat', args: ['chat'], stdin: 'hi\n'},
  ])('$command exits quietly: stderr empty, no EPIPE trace, exit 0', async ({args, stdin}) => {
    sim.script({tokens: 20_000, reasoning: ''});
    const live = startCli(args, {env: simEnv(sim), ...(stdin === undefined ? {} : {stdin})});
    await waitUntil(() => live.stdoutBytes() > 0, 'the first stdout chunk');
    live.child.stdout!.destroy();
    const result = await live.done;
    expectNoTrace(result.stderr);
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.stderr).toBe('');
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
  });
});
