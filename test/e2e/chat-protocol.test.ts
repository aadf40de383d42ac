import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {runCli, tempHome} from '../support/run-cli.js';
import {expectChatFailure, sessionFiles, simEnv, type Home} from '../faults/helpers.js';

const sim = useSimulator();

/** `gemma chat` in plain mode (stdin is a pipe), one turn per line, in a private home. */
async function chat(lines: string[], args: string[] = [], home: Home = tempHome()) {
  const result = await runCli(['chat', ...args], {stdin: lines.map((line) => `${line}\n`).join(''), env: simEnv(sim, home)});
  return {...result, home};
}

/** The assistant events the session file holds. */
function savedAnswers(home: Home): Array<{text: string; reasoning: string; usage?: Record<string, number>; cost?: number; failed?: {message: string; code?: string}}> {
  const [file] = sessionFiles(home);
  const lines = readFileSync(join(home.dataDir, 'sessions', file!), 'utf8').split('\n').filter(Boolean);
  return lines.map((line) => JSON.parse(line)).filter((event) => event.type === 'assistant');
}

const submits = () => sim.tasks().filter((task) => task.taskType === 'textInference');
const FAILED = {failCode: 'inferenceError', failMessage: 'The model gave up.'};

describe('gemma chat (plain mode): protocol fidelity', () => {
  it('keeps the thought channel out of the answer, the session and the next turn', async () => {
    sim.script({thought: 'Plan: greet back.', answer: 'Hello!', reasoning: '', deltaChars: 4}, {answer: 'Fine.'});
    const run = await chat(['hi', 'how are you?']);
    expect(run.stdout).toBe('Hello!\n\nFine.\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(submits()[1]?.messages).toEqual([
      {role: 'user', content: 'hi'},
      {role: 'assistant', content: 'Hello!'},
      {role: 'user', content: 'how are you?'},
    ]);
    expect(savedAnswers(run.home).map(({text, reasoning}) => ({text, reasoning}))).toEqual([
      {text: 'Hello!', reasoning: 'Plan: greet back.'},
      {text: 'Fine.', reasoning: expect.any(String)},
    ]);
  });

  it('a thought block in a sync answer: the same', async () => {
    sim.script({thought: 'Hidden.', answer: 'Shown.', reasoning: ''});
    const run = await chat(['hi'], ['--no-stream']);
    expect(run.stdout).toBe('Shown.\n');
    expect(run.code).toBe(0);
    expect(savedAnswers(run.home)[0]).toMatchObject({text: 'Shown.', reasoning: 'Hidden.'});
  });

  it('-n 2 async with one failed result: the error, no answer printed or saved, and the chat goes on', async () => {
    sim.script({failResults: [1], answer: 'Never shown.', ...FAILED}, {}, {}, {answer: 'Next one works.'});
    const run = await chat(['first', 'second'], ['-n', '2', '--delivery', 'async']);
    // The second line's answer prints; of the first, not even the result that succeeded does.
    // (How plain chat lays out -n 2 is not checked here.)
    expect(run.stdout).not.toContain('Never shown.');
    expect(run.stdout).toContain('--- result 2 of 2 ---\nNext one works. (variant 2)\n');
    expectChatFailure(run.stderr, 'gemma: The model gave up. (inferenceError)');
    expect(run.code).toBe(1);
    // The failed turn is recorded as failed, with none of the result that succeeded.
    expect(savedAnswers(run.home).map(({text, failed}) => ({text, failed}))).toEqual([
      {text: '', failed: {message: 'The model gave up. (inferenceError)', code: 'inferenceError'}},
      {text: 'Next one works. (variant 1)', failed: undefined},
    ]);
    // The failed turn left no answer in the history the second request carried.
    const history = submits()[1]?.messages as Array<{role: string; content: string}>;
    expect(history.at(-1)).toEqual({role: 'user', content: 'second'});
    expect(history.filter((message) => message.role === 'assistant')).toEqual([]);
  });

  it('-n 2: each result printed once, under its own header', async () => {
    sim.script({answer: 'Pick me.'});
    const run = await chat(['hi'], ['-n', '2', '--no-stream']);
    expect(run.stdout).toBe('--- result 1 of 2 ---\nPick me. (variant 1)\n\n--- result 2 of 2 ---\nPick me. (variant 2)\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('a sync answer slower than --timeout is waited for and sent once', async () => {
    sim.script({holdMs: 1500, answer: 'Patience pays.'});
    const run = await chat(['hi'], ['--no-stream', '--timeout', '1']);
    expect(run.stdout).toBe('Patience pays.\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(submits()).toHaveLength(1);
  });

  it('a sync request lost after delivery: not resent, one line naming the task, and the next line is answered', async () => {
    sim.script({fault: 'drop'}, {answer: 'Back again.'});
    const run = await chat(['one', 'two'], ['--no-stream']);
    expect(run.stdout).toBe('Back again.\n');
    const lost = submits()[0]?.taskUUID;
    expectChatFailure(
      run.stderr,
      `gemma: connection to ${new URL(sim.url).host} closed after the request was delivered; task ${String(lost)} may still run and be billed; not resent`,
    );
    expect(run.code).toBe(1);
    expect(submits().map((task) => (task.messages as Array<{content: string}>).at(-1)?.content)).toEqual(['one', 'two']);
  });

  it('usage and cost that arrive after the finishReason event are kept in the session', async () => {
    sim.script({answer: 'Counted.', usageAfterFinish: true});
    const run = await chat(['hi']);
    expect(run.stdout).toBe('Counted.\n');
    expect(run.code).toBe(0);
    const [answer] = savedAnswers(run.home);
    expect(answer?.usage?.completionTokens).toBe(1);
    expect(typeof answer?.cost).toBe('number');
  });

  it('sends the User-Agent on every request', async () => {
    const run = await chat(['a', 'b']);
    expect(run.code).toBe(0);
    expect(sim.requests.map((request) => request.headers['user-agent'])).toEqual([
      expect.stringMatching(/^gemma\/\S+ \(node \d+\.\d+\.\d+; \w+ \w+\)$/),
      expect.stringMatching(/^gemma\/\S+ \(node \d+\.\d+\.\d+; \w+ \w+\)$/),
    ]);
  });
});
