import {describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {type Script} from '../support/simulator.js';
import {expectChatFailure, expectNoTrace, expectOneLine, expectSessionIntact, runCli, simEnv, tempHome, type CliRun, type Home} from './helpers.js';

const sim = useSimulator();

type Command = 'ask' | 'chat';
const ANSWER = 'first second third fourth fifth sixth';
const PARTIAL = 'first second \n';

/** Runs one turn (`ask hi`, or `chat` with stdin `hi`) against a scripted answer; returns the run and its home. */
async function turn(command: Command, script: Script, args: string[] = []): Promise<{result: CliRun; home: Home}> {
  sim.script({answer: ANSWER, reasoning: '', ...script});
  const home = tempHome();
  const env = simEnv(sim, home);
  const result = command === 'ask' ? await runCli(['ask', 'hi', ...args], {env}) : await runCli(['chat', ...args], {stdin: 'hi\n', env});
  return {result, home};
}

/** A failed turn: the partial text on stdout, one error line (chat: plus its summary), exit 1. */
function expectFailedTurn(command: Command, result: CliRun, pattern: RegExp): void {
  expect(result.stdout).toBe(PARTIAL);
  if (command === 'ask') expectOneLine(result.stderr, pattern);
  else expectChatFailure(result.stderr, pattern);
  expect(result.code).toBe(1);
}

describe.each(['ask', 'chat'] as const)('gemma %s: a stream that goes wrong', (command) => {
  it('stalls (--timeout 1): says it timed out, keeps the partial text, exit 1', async () => {
    const started = Date.now();
    const {result} = await turn(command, {fault: 'stall', afterEvents: 2}, ['--timeout', '1']);
    expectFailedTurn(command, result, /^gemma: no data from 127\.0\.0\.1:\d+ for 1 s$/);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(sim.requests).toHaveLength(1);
  });

  it('stalls before answering at all (--timeout 1): not resent, one line naming the task, exit 1', async () => {
    const {result} = await turn(command, {fault: 'stall'}, ['--timeout', '1']);
    expect(result.stdout).toBe('');
    const [sent] = sim.tasks();
    expect(sim.tasks()).toHaveLength(1);
    const line = `gemma: no data from ${new URL(sim.url).host} for 1 s; task ${String(sent?.taskUUID)} may still run and be billed; not resent`;
    if (command === 'ask') expectOneLine(result.stderr, line);
    else expectChatFailure(result.stderr, line);
    expect(result.code).toBe(1);
  });

  it('connection dropped mid-stream: partial text kept, the cut reported, exit 1', async () => {
    const {result, home} = await turn(command, {fault: 'drop', afterEvents: 2});
    if (command === 'chat') {
      // The session keeps the partial answer (checked first, so a stderr failure below does not hide it).
      const shown = await expectSessionIntact(home);
      expect(shown).toMatch(/## You\n\nhi\n/);
      expect(shown).toMatch(/## Gemma\n\nfirst second\s*\n/);
    }
    expectFailedTurn(command, result, /^gemma: connection to 127\.0\.0\.1:\d+ closed mid-answer$/);
    expect(sim.requests).toHaveLength(1);
  });

  for (const envelope of ['errors', 'error'] as const) {
    it(`an error event (${envelope} envelope) mid-stream: partial text kept, the error reported, exit 1`, async () => {
      const {result} = await turn(command, {fault: 'midStreamError', afterEvents: 2, envelope, code: 'providerError', message: 'The provider gave up.'});
      expectFailedTurn(command, result, /^gemma: The provider gave up\. \(providerError\)$/);
      expect(sim.requests).toHaveLength(1);
    });
  }

  it('ends with no final event: text kept, a warning that the answer may be cut, exit 0', async () => {
    const {result} = await turn(command, {fault: 'cutStream', afterEvents: 2});
    expect(result.stdout).toBe(PARTIAL);
    expectOneLine(result.stderr, /^gemma: warning: .*may be cut/);
    expect(result.code).toBe(0);
  });

  it('a malformed JSON event: a protocol error naming the event, exit 1, no stack trace', async () => {
    const {result} = await turn(command, {fault: 'malformedEvent', afterEvents: 2});
    expectFailedTurn(command, result, /^gemma: .*malformed event.*\{not json/);
  });

  it('invalid UTF-8 in an event: replaced with U+FFFD, the rest of the answer intact, exit 0', async () => {
    const {result} = await turn(command, {fault: 'invalidUtf8', afterEvents: 2});
    expect(result.stdout).toBe('first second \uFFFDthird fourth fifth sixth\n');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('multi-byte characters split across chunks (one byte per chunk): decoded exactly, exit 0', async () => {
    const answer = 'é 😀 日本 — café naïve 👩‍👩‍👧 end';
    const {result} = await turn(command, {answer, splitEvery: 1});
    expect(result.stdout).toBe(`${answer}\n`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('multi-byte characters split across chunks with CRLF and comments: decoded exactly, exit 0', async () => {
    const answer = '日本語 😀😀 é';
    const {result} = await turn(command, {answer, splitEvery: 3, crlf: true, comments: true});
    expect(result.stdout).toBe(`${answer}\n`);
    expectNoTrace(result.stderr);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
