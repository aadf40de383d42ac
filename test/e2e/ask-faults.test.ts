import {createServer} from 'node:net';
import {describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {runCli} from '../support/run-cli.js';
import {expectOneLine} from '../faults/helpers.js';

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

describe('gemma ask: failed results and lost requests (protocol fidelity)', () => {
  const FAILED = {failCode: 'inferenceError', failMessage: 'The model gave up.'};
  const submits = () => sim.tasks().filter((task) => task.taskType === 'textInference');
  const polls = () => sim.tasks().filter((task) => task.taskType === 'getResponse');

  it('async: a failed result stops the polling at once with its message and code, exit 1', async () => {
    sim.script({failResults: [0], ...FAILED});
    const run = await ask(['hi', '--delivery', 'async']);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr, 'gemma: The model gave up. (inferenceError)');
    expect(run.code).toBe(1);
    expect(submits()).toHaveLength(1);
    // One poll answered processing (pollsUntilDone 1), the next one held the failure: no more.
    expect(polls()).toHaveLength(2);
  });

  for (const delivery of ['async', 'sync'] as const) {
    it(`-n 2 (${delivery}), one result failed: the error, and nothing of the other result on stdout`, async () => {
      sim.script({failResults: [1], ...FAILED});
      const run = await ask(['hi', '-n', '2', '--delivery', delivery]);
      expect(run.stdout).toBe('');
      expectOneLine(run.stderr, 'gemma: The model gave up. (inferenceError)');
      expect(run.code).toBe(1);
      expect(submits()).toHaveLength(1);
      expect(submits()[0]).toMatchObject({numberResults: 2});
    });
  }

  it('--json on a partial failure: stdout is one JSON document holding the error, exit 1', async () => {
    sim.script({failResults: [1], ...FAILED});
    const run = await ask(['hi', '-n', '2', '--no-stream', '--json']);
    const parsed = JSON.parse(run.stdout);
    const error = {message: 'The model gave up. (inferenceError)', code: 'inferenceError', exitCode: 1};
    // The success's shape (an array for -n 2), each result empty: nothing of the half that worked,
    // and named by the task that failed.
    const taskUUID = submits()[0]?.taskUUID;
    expect(parsed).toEqual([0, 1].map(() => expect.objectContaining({taskUUID, text: '', reasoning: null, finishReason: null, error})));
    expectOneLine(run.stderr, 'gemma: The model gave up. (inferenceError)');
    expect(run.code).toBe(1);
  });

  it('a sync answer slower than --timeout is waited for, and sent once', async () => {
    sim.script({holdMs: 1500, answer: 'Slow but whole.'});
    const run = await ask(['hi', '--no-stream', '--timeout', '1']);
    expect(run.stdout).toBe('Slow but whole.\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(submits()).toHaveLength(1);
  });

  for (const delivery of ['sync', 'stream'] as const) {
    it(`${delivery}: a request lost after it was delivered is not resent; one line names the task, exit 1`, async () => {
      sim.script({fault: 'drop'});
      const run = await ask(['hi', '--delivery', delivery]);
      expect(run.stdout).toBe('');
      const [sent] = submits();
      expect(submits()).toHaveLength(1);
      expectOneLine(
        run.stderr,
        `gemma: connection to ${new URL(sim.url).host} closed after the request was delivered; task ${String(sent?.taskUUID)} may still run and be billed; not resent`,
      );
      expect(run.code).toBe(1);
    });
  }

  it('async: a submit accepted but lost on the way back is resent under its own taskUUID and answered once', async () => {
    sim.script({fault: 'drop', afterEvents: 1, answer: 'One task, one bill.'});
    const run = await ask(['hi', '--delivery', 'async']);
    expect(run.stdout).toBe('One task, one bill.\n');
    expectOneLine(run.stderr, /^gemma: connection to .* closed mid-answer; retrying in \d+\.\d s \(attempt 2\)$/);
    expect(run.code).toBe(0);
    const uuids = submits().map((task) => task.taskUUID);
    expect(uuids).toHaveLength(2);
    expect(uuids[1]).toBe(uuids[0]);
    expect(new Set(polls().map((task) => task.taskUUID))).toEqual(new Set([uuids[0]]));
  });
});
