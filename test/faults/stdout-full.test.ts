import {spawn} from 'node:child_process';
import {closeSync, openSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {cliEnv} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';
import {expectOneLine, GEMMA_BIN, mountSmallDisk, simEnv, tempHome, type CliRun} from './helpers.js';

const sim = useSimulator();

/** Runs gemma with stdout on /dev/full, where every write fails with ENOSPC, as on a full disk. */
function runToFullDisk(args: string[], env: Record<string, string | undefined>, stdin = ''): Promise<CliRun> {
  const full = openSync('/dev/full', 'w');
  const child = spawn(process.execPath, [GEMMA_BIN, ...args], {env: cliEnv(tempHome(), env), stdio: ['pipe', full, 'pipe']});
  closeSync(full);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(stdin);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({stdout: '', stderr, code, signal});
    });
  });
}

const NO_SPACE = 'gemma: could not write the answer: no space left on device (ENOSPC)';

describe('gemma with stdout on a full disk (/dev/full)', () => {
  it.each([
    {command: 'ask', args: ['ask', 'hi'], stdin: ''},
    {command: 'plain chat', args: ['chat'], stdin: 'hi\n'},
  ])('$command fails with exit 1 and one line naming ENOSPC, instead of a silent exit 0', async ({args, stdin}) => {
    sim.script({answer: 'An answer that will not fit anywhere.', reasoning: ''});
    const result = await runToFullDisk(args, simEnv(sim), stdin);
    expectOneLine(result.stderr, NO_SPACE);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(sim.tasks()).toHaveLength(1);
  });

  it('a long streamed answer stops at the first failed write: one line, exit 1', async () => {
    sim.script({tokens: 5_000, reasoning: ''});
    const result = await runToFullDisk(['ask', 'hi'], simEnv(sim));
    expectOneLine(result.stderr, NO_SPACE);
    expect(result.code).toBe(1);
  });
});

/** A disk that fills in the middle of a write. */
const disk = mountSmallDisk('stdout-disk');
const MOUNT = disk?.path ?? '';

describe.skipIf(!disk)('gemma with stdout on a disk that fills mid-write (tmpfs)', () => {
  afterAll(() => disk?.unmount());

  it('a short last write (the answer ends in a newline, no write after it) is exit 1, not a cut file and exit 0', async () => {
    // One whole answer, larger than the disk, written in one call that the disk cuts short.
    const answer = `${'word '.repeat(40_000)}end\n`;
    sim.script({answer, reasoning: ''});
    const target = join(MOUNT, 'answer.txt');
    const fd = openSync(target, 'w');
    const child = spawn(process.execPath, [GEMMA_BIN, 'ask', '--no-stream', 'hi'], {env: cliEnv(tempHome(), simEnv(sim)), stdio: ['ignore', fd, 'pipe']});
    closeSync(fd);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(statSync(target).size).toBeLessThan(Buffer.byteLength(answer));
    expectOneLine(stderr, NO_SPACE);
    expect(code).toBe(1);
  });
});
