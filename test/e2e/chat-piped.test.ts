import {afterEach, describe, expect, it} from 'vitest';
import {GEMMA_BIN, homeEnv, runCli, tempHome} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

const chat = (args: string[], stdin: string) =>
  runCli(['chat', ...args], {stdin, env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey}});

/** stdout of `chat --json`: one parsed object per line, and nothing that is not a line of JSON. */
function jsonLines(stdout: string): Array<Record<string, unknown>> {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout.slice(0, -1).split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('piped gemma chat: output a script can split', () => {
  it('-n 2 prints each result once, under its header, a blank line between them', async () => {
    sim.script({answer: 'Pick me.'});
    const run = await chat(['-n', '2'], 'hi\n');
    expect(run.stdout).toBe('--- result 1 of 2 ---\nPick me. (variant 1)\n\n--- result 2 of 2 ---\nPick me. (variant 2)\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(sim.tasks()).toHaveLength(1);
  });

  it('separates answers by a blank line, streamed or whole', async () => {
    sim.script({answer: 'Answer A.'}, {answer: 'Answer B.\n'}, {answer: 'Answer C.'});
    const streamed = await chat([], 'a\nb\nc\n');
    expect(streamed.stdout).toBe('Answer A.\n\nAnswer B.\n\nAnswer C.\n');
    expect(streamed.code).toBe(0);
    sim.script({answer: 'Answer A.'}, {answer: 'Answer B.'});
    const whole = await chat(['--no-stream'], 'a\nb\n');
    expect(whole.stdout).toBe('Answer A.\n\nAnswer B.\n');
    expect(whole.stderr).toBe('');
    expect(whole.code).toBe(0);
  });

  it('--json: one line of JSON per answer, the fields of ask --json', async () => {
    sim.script({answer: 'Answer A.', reasoning: 'Think A.'}, {answer: 'Answer B.', reasoning: ''});
    const run = await chat(['--json'], 'a\nb\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const tasks = sim.tasks();
    const lines = jsonLines(run.stdout);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({taskUUID: tasks[0]?.taskUUID, model: 'google:gemma@4-31b', text: 'Answer A.', reasoning: 'Think A.', finishReason: 'stop'});
    expect(lines[1]).toMatchObject({taskUUID: tasks[1]?.taskUUID, text: 'Answer B.', reasoning: null, finishReason: 'stop'});
    // The chat asks for usage and cost by default; --json carries them.
    expect(Object.keys(lines[0] ?? {})).toEqual(['taskUUID', 'model', 'text', 'reasoning', 'finishReason', 'usage', 'cost']);
    expect(lines[0]?.usage).toMatchObject({completionTokens: expect.any(Number) as number});
    expect(typeof lines[0]?.cost).toBe('number');
  });

  it('--json: a failed turn is a line with its error too, and the next line is answered', async () => {
    sim.script({status: 400, code: 'invalidParameter', message: 'Nope.'}, {answer: 'Fine.', reasoning: ''});
    const run = await chat(['--json', '--no-usage', '--no-cost'], 'one\ntwo\n');
    const lines = jsonLines(run.stdout);
    expect(lines).toEqual([
      {taskUUID: '', model: 'google:gemma@4-31b', text: '', reasoning: null, finishReason: null, usage: null, cost: null, error: {message: 'Nope. (invalidParameter)', exitCode: 1}},
      {taskUUID: sim.tasks()[1]?.taskUUID, model: 'google:gemma@4-31b', text: 'Fine.', reasoning: null, finishReason: 'stop', usage: null, cost: null},
    ]);
    expect(run.stderr).toContain('gemma: Nope. (invalidParameter)\n');
    expect(run.code).toBe(1);
  });
});

let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

describe.skipIf(!hasTmux())('gemma chat --json in a terminal', () => {
  it('is refused with exit 2 and one line, before anything is sent', async () => {
    tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat --json 2>&1`, {
      env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(tempHome()), TERM: 'xterm-256color'},
    });
    const screen = await tmux.waitFor('[exit ');
    expect(screen).toContain('gemma: --json is for scripts: send stdout to a pipe or a file');
    expect(screen).toContain('[exit 2]');
    expect(screen).not.toContain('gemma ·');
    expect(sim.requests).toHaveLength(0);
  });
});
