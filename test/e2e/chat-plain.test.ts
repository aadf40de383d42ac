import {describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {runCli} from '../support/run-cli.js';

const sim = useSimulator();

const chat = (args: string[], stdin: string | Buffer) =>
  runCli(['chat', ...args], {stdin, env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey}});

/** The second request of a chat whose lines were "a" then "b", answered "Answer A.". */
const SECOND_TURN = [
  {role: 'user', content: 'a'},
  {role: 'assistant', content: 'Answer A.'},
  {role: 'user', content: 'b'},
];

describe('gemma chat without a terminal', () => {
  it('answers each line of stdin as a turn, in plain text, keeping the history', async () => {
    sim.script({answer: 'Answer A.'}, {answer: 'Answer B.'});
    const run = await chat([], 'a\nb\n');
    expect(run.stdout).toBe('Answer A.\n\nAnswer B.\n');
    expect(run.stdout + run.stderr).not.toContain('\u001b');
    expect(run.code).toBe(0);
    const tasks = sim.tasks();
    expect(tasks).toHaveLength(2);
    expect(tasks[1]?.messages).toEqual(SECOND_TURN);
    expect(tasks[0]).toMatchObject({includeUsage: true, includeCost: true});
  });

  it('runs /commands from stdin lines and reports a bad value without sending it', async () => {
    const run = await chat(['--max-tokens', '50'], '/set temperature 0.25\n/set top-k 500\nhi\n');
    expect(run.stderr).toContain('temperature = 0.25');
    expect(run.stderr).toContain('topK (--top-k): "500" is out of range; allowed: a whole number from 1 to 100');
    expect(sim.tasks()).toHaveLength(1);
    expect(sim.tasks()[0]?.settings).toEqual({temperature: 0.25, maxTokens: 50});
    expect(run.code).toBe(1);
  });

  it('echoes a /set webhook URL without its password, as config set does', async () => {
    const run = await chat([], '/set webhook-url https://user:hunter2@hooks.example.com/x\n');
    expect(run.stderr).toContain('webhookURL = https://user:***@hooks.example.com/x');
    expect(run.stderr).not.toContain('hunter2');
    expect(run.code).toBe(0);
  });

  it('makes one turn of the argument and piped material', async () => {
    const run = await chat(['review this'], 'diff --git a/f b/f\n');
    expect(run.code).toBe(0);
    expect(sim.tasks()[0]?.messages).toEqual([{role: 'user', content: 'review this\n\ndiff --git a/f b/f'}]);
    expect(run.stdout).toMatch(/^You said: review this/);
  });

  it('sends no binary line: names it on stderr, answers the others, exit 1', async () => {
    sim.script({answer: 'Answer A.'}, {answer: 'Answer B.'});
    const run = await chat([], Buffer.concat([Buffer.from('a\n'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0x0a]), Buffer.from('b\n')]));
    expect(run.stdout).toBe('Answer A.\n\nAnswer B.\n');
    expect(run.stderr).toContain('gemma: stdin line 2 is not UTF-8 text; allowed: text (send images with --image <path>); not sent\n');
    expect(run.stderr).toMatch(/some lines failed \(see above\)\n$/);
    const tasks = sim.tasks();
    expect(tasks).toHaveLength(2);
    expect(tasks[1]?.messages).toEqual(SECOND_TURN);
    expect(run.code).toBe(1);
  });

  it('reports an API error on stderr and goes on to the next line', async () => {
    sim.script({status: 400, code: 'invalidParameter', message: 'Nope.'}, {answer: 'Fine.'});
    const run = await chat([], 'one\ntwo\n');
    expect(run.stderr).toContain('gemma: Nope. (invalidParameter)');
    expect(run.stdout).toBe('Fine.\n');
    expect(run.code).toBe(1);
    // The failed line is not part of the conversation: the next request does not carry it.
    expect(sim.tasks().map((task) => task.messages)).toEqual([[{role: 'user', content: 'one'}], [{role: 'user', content: 'two'}]]);
  });
});
