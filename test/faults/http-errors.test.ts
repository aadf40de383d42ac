import {describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {expectChatFailure, expectNoTrace, expectOneLine, runCli, simEnv, type CliRun, type Env} from './helpers.js';

const sim = useSimulator();

type Command = 'ask' | 'chat';
/** `gemma ask hi`, or `gemma chat` with one piped stdin line `hi` (plain mode). */
const run = (command: Command, env: Env = {}): Promise<CliRun> =>
  command === 'ask'
    ? runCli(['ask', 'hi'], {env: simEnv(sim, undefined, env)})
    : runCli(['chat'], {stdin: 'hi\n', env: simEnv(sim, undefined, env)});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Asserts a failed run: nothing on stdout, the one error line (chat: plus its summary), exit 1. */
function expectFailure(command: Command, result: CliRun, pattern: RegExp): void {
  expect(result.stdout).toBe('');
  if (command === 'ask') expectOneLine(result.stderr, pattern);
  else expectChatFailure(result.stderr, pattern);
  expect(result.code).toBe(1);
}

const API_ERRORS = [
  {status: 401, message: 'Invalid API key. Get one at https://my.runware.ai/keys', code: 'invalidApiKey', hint: /RUNWARE_API_KEY.*gemma auth login/},
  {status: 402, message: 'Insufficient credits. Add funds at https://my.runware.ai/wallet', code: 'insufficientCredits', hint: /add credits/},
  {status: 403, message: "The API key doesn't have permissions to perform the request.", code: 'forbidden', hint: undefined},
  {status: 400, message: 'Temperature is not allowed here.', code: 'invalidParameter', hint: undefined},
] as const;

describe.each(['ask', 'chat'] as const)('gemma %s: API errors are reported once, not retried', (command) => {
  for (const {status, message, code, hint} of API_ERRORS) {
    for (const envelope of ['errors', 'error'] as const) {
      it(`${status} with the ${envelope} envelope: the server's message and code${hint ? ', and a hint' : ''}, exit 1`, async () => {
        sim.script({status, envelope, code, message});
        const result = await run(command);
        expectFailure(command, result, new RegExp(`^gemma: ${escape(message)} \\(${code}\\)`));
        if (hint) expect(result.stderr.split('\n')[0]).toMatch(hint);
        expect(sim.requests).toHaveLength(1);
      });
    }
  }

  it('a missing key: how to set one, exit 3, nothing sent', async () => {
    const result = await run(command, {RUNWARE_API_KEY: undefined});
    expect(result.stdout).toBe('');
    expectOneLine(result.stderr, /^gemma: no API key.*RUNWARE_API_KEY.*gemma auth login/);
    expect(result.code).toBe(3);
    expect(sim.requests).toHaveLength(0);
  });

  it('429 with Retry-After: 1: waits as told, says it is retrying, then succeeds', async () => {
    sim.script({status: 429, retryAfter: 1}, {answer: 'After the wait.'});
    const started = Date.now();
    const result = await run(command);
    const elapsed = Date.now() - started;
    expect(result.stdout).toBe('After the wait.\n');
    expectNoTrace(result.stderr);
    expect(result.stderr.split('\n').slice(0, -1)).toEqual([expect.stringMatching(/^gemma: .*\(rateLimitExceeded\).*retrying in 1\.0 s/)]);
    expect(result.code).toBe(0);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(sim.requests).toHaveLength(2);
  });

  for (const status of [500, 502, 503]) {
    it(`${status} twice, then success: retried, exit 0`, async () => {
      sim.script({status}, {status}, {answer: 'Third time lucky.'});
      const result = await run(command);
      expect(result.stdout).toBe('Third time lucky.\n');
      expectNoTrace(result.stderr);
      // Both retry notices (ask and plain chat alike), and nothing else.
      const lines = result.stderr.split('\n').slice(0, -1);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^gemma: .*retrying in \d+\.\d s \(attempt 2\)$/);
      expect(lines[1]).toMatch(/^gemma: .*retrying in \d+\.\d s \(attempt 3\)$/);
      expect(result.code).toBe(0);
      expect(sim.requests).toHaveLength(3);
    });
  }

  it('500, 502, 503: three failures give the last error, exit 1', async () => {
    sim.script({status: 500}, {status: 502}, {status: 503});
    const result = await run(command);
    expect(result.stdout).toBe('');
    const last = /^gemma: Service temporarily unavailable\. Retry later\. \(serviceUnavailable\)$/;
    // Two retry notices, then the final error on its own line (chat: then its summary line).
    const lines = result.stderr.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      expect.stringMatching(/\(internalServerError\); retrying in \d+\.\d s \(attempt 2\)$/),
      expect.stringMatching(/\(badGateway\); retrying in \d+\.\d s \(attempt 3\)$/),
    ]);
    const rest = lines.slice(2).join('\n');
    if (command === 'ask') expectOneLine(rest, last);
    else expectChatFailure(rest, last);
    expect(result.code).toBe(1);
    expect(sim.requests).toHaveLength(3);
  });
});
