import {createServer} from 'node:net';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {runCli} from '../support/run-cli.js';

const sim = useSimulator();

const ask = (args: string[], env: Record<string, string | undefined> = {}) =>
  runCli(['ask', ...args], {env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...env}});
const ANSWER = 'first second third fourth fifth sixth';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('gemma ask under faults', () => {
  it('reads a stream split at every byte, with CRLF line ends and comments', async () => {
    sim.script({answer: 'café — naïve ☕ text', splitEvery: 1, crlf: true, comments: true});
    const run = await ask(['hi']);
    expect(run.stdout).toBe('café — naïve ☕ text\n');
    expect(run.code).toBe(0);
  });

  it('keeps partial text and exits 1 when the connection drops mid-stream', async () => {
    sim.script({answer: ANSWER, reasoning: '', fault: 'drop', afterEvents: 2});
    const run = await ask(['hi']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('first second \n');
    expect(run.stderr).toMatch(/^gemma: connection to 127\.0\.0\.1:\d+ closed mid-answer\n$/);
  });

  it('gives up on a stalled stream after --timeout, keeping the partial text', async () => {
    sim.script({answer: ANSWER, reasoning: '', fault: 'stall', afterEvents: 2});
    const run = await ask(['hi', '--timeout', '1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('first second \n');
    expect(run.stderr).toMatch(/^gemma: no data from 127\.0\.0\.1:\d+ for 1 s\n$/);
  });

  it('names a malformed event in a one-line protocol error', async () => {
    sim.script({answer: ANSWER, reasoning: '', fault: 'malformedEvent', afterEvents: 2});
    const run = await ask(['hi']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('first second \n');
    expect(run.stderr).toContain('malformed event: {not json');
    expect(run.stderr).not.toContain('    at ');
  });

  it('reports the singular error envelope with its code, without retrying a 400', async () => {
    sim.script({status: 400, envelope: 'error', code: 'invalidParameter', message: 'Bad thing.'});
    const run = await ask(['hi']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('gemma: Bad thing. (invalidParameter)\n');
    expect(sim.requests).toHaveLength(1);
  });

  it('gives up after three 5xx answers with the last error and exit 1', async () => {
    sim.script({status: 500}, {status: 502}, {status: 503});
    const run = await ask(['hi']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(3);
    expect(run.stderr).toContain('(serviceUnavailable)\n');
    expect(sim.requests).toHaveLength(3);
  });

  it('names the host it could not reach, after retries', async () => {
    const port = await closedPort();
    const run = await ask(['hi'], {RUNWARE_BASE_URL: `http://127.0.0.1:${port}/v1`});
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n').at(-1)).toBe(`gemma: cannot reach 127.0.0.1:${port}: connection refused`);
  });

  it('reports 402 with a hint to add credits', async () => {
    sim.script({status: 402});
    const run = await ask(['hi']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('insufficientCredits');
    expect(run.stderr).toContain('add credits');
  });
});
