import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {simEnv, tempHome, type Home} from '../faults/helpers.js';
import {runCli} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

/** 400 words, 2,400 characters: about 600 tokens by gemma's estimate (4 characters a token). */
const LONG = Array.from({length: 400}, () => 'lorem').join(' ');
/** 200 words: about 300 tokens, so 30% of a 1,024-token window keeps no more than the newest two exchanges. */
const MID = Array.from({length: 200}, () => 'lorem').join(' ');
const SUMMARY_LEAD = 'Summary of our conversation so far (the earlier turns were compacted into it):';
const ACK = {role: 'assistant', content: 'Understood: I will go on from this summary.'};

const chat = (home: Home, args: string[], stdin: string) => runCli(['chat', '--context-window', '1024', ...args], {env: simEnv(sim, home), stdin});

const messagesOf = (index: number) => sim.tasks()[index]?.messages as {role: string; content: string}[];

function sessionEvents(home: Home): Record<string, unknown>[] {
  const dir = join(home.dataDir, 'sessions');
  const [file] = readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
  return readFileSync(join(dir, file ?? ''), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('auto-compaction before a turn that would pass 80% of the window', () => {
  it('summarizes the older turns in one request, then sends the summary and the newest two exchanges; a resume sends the same', async () => {
    const home = tempHome();
    // a1..a3 are long; the summary waits for the compaction request, wherever it comes.
    sim.script({match: 'Summarize our conversation so far.', answer: 'SUMMARY: the user counts to four.'}, {answer: LONG}, {answer: LONG}, {answer: LONG}, {answer: 'Four.'});
    const run = await chat(home, [], 'one\ntwo\nthree\nfour\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${LONG}\n\n${LONG}\n\n${LONG}\n\nFour.\n`);
    // Before the 3rd question the conversation is past 80% (two long answers) but is only the newest
    // two exchanges: nothing to summarize, it goes whole. Before the 4th, the 1st exchange is summarized.
    expect(run.stderr).toBe('earlier 1 turn summarized: 611 → 50 tokens\n');
    expect(sim.tasks()).toHaveLength(5);
    expect(messagesOf(2)).toHaveLength(5);

    const [q1, a1, q2, a2, q3, a3] = [
      {role: 'user', content: 'one'}, {role: 'assistant', content: LONG}, {role: 'user', content: 'two'},
      {role: 'assistant', content: LONG}, {role: 'user', content: 'three'}, {role: 'assistant', content: LONG},
    ];
    const compaction = messagesOf(3);
    expect(compaction.slice(0, 2)).toEqual([q1, a1]);
    expect(compaction).toHaveLength(3);
    const instruction = compaction[2];
    expect(instruction?.role).toBe('user');
    for (const kept of ["the user's goals", 'decisions', 'constraints', 'corrections', 'file name', 'code', 'open questions']) {
      expect(instruction?.content).toContain(kept);
    }
    const summary = {role: 'user', content: `${SUMMARY_LEAD}\n\nSUMMARY: the user counts to four.`};
    expect(messagesOf(4)).toEqual([summary, ACK, q2, a2, q3, a3, {role: 'user', content: 'four'}]);

    // The file keeps every original turn, and the summary as an event of its own.
    const events = sessionEvents(home);
    expect(events.filter((event) => event.type === 'user').map((event) => event.text)).toEqual(['one', 'two', 'three', 'four']);
    const compact = events.find((event) => event.type === 'compact');
    expect(compact).toMatchObject({summary: 'SUMMARY: the user counts to four.', replaced: 2});
    expect(events.map((event) => event.type)).toEqual(['session', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user', 'compact', 'assistant']);

    const sessions = await runCli(['sessions', 'show', String(events[0]?.id)], {env: simEnv(sim, home)});
    expect(sessions.stdout).toContain('one');
    expect(sessions.stdout.split(LONG).length - 1).toBe(3);
    // The compaction came before the 4th question's answer: its mark sits above that question.
    expect(sessions.stdout).toContain(`${LONG}\n\n*(the turns above were summarized: from here on the summary is sent in their place)*\n\n## You\n\nfour\n`);

    // A resume sends what the chat would have: the summary, then the turns after it.
    sim.script({answer: 'Five.'});
    const resumed = await chat(home, ['-c', '--no-auto-compact'], 'five\n');
    expect(resumed.code).toBe(0);
    expect(messagesOf(5)).toEqual([summary, ACK, q2, a2, q3, a3, {role: 'user', content: 'four'}, {role: 'assistant', content: 'Four.'}, {role: 'user', content: 'five'}]);
  });

  it('is not done with --no-auto-compact', async () => {
    sim.script({answer: LONG}, {answer: LONG}, {answer: LONG}, {answer: 'Four.'});
    const run = await chat(tempHome(), ['--no-auto-compact'], 'one\ntwo\nthree\nfour\n');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(sim.tasks()).toHaveLength(4);
    expect(messagesOf(3)).toHaveLength(7);
  });
});

describe('/compact', () => {
  it('with a focus: the focus is in the instruction; what follows is the summary and the newest turns', async () => {
    sim.script({answer: MID}, {answer: MID}, {answer: 'A3.'}, {answer: 'The summary.'}, {answer: 'A4.'});
    const run = await chat(tempHome(), ['--no-auto-compact'], 'q1\nq2\nq3\n/compact the naming decisions\nq4\n');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('earlier 1 turn summarized: 311 → 44 tokens\n');
    expect(messagesOf(3)?.at(-1)?.content).toMatch(/\nFocus especially on: the naming decisions$/);
    expect(messagesOf(4)).toEqual([
      {role: 'user', content: `${SUMMARY_LEAD}\n\nThe summary.`}, ACK,
      {role: 'user', content: 'q2'}, {role: 'assistant', content: MID}, {role: 'user', content: 'q3'}, {role: 'assistant', content: 'A3.'},
      {role: 'user', content: 'q4'},
    ]);
  });

  it('with nothing older than the newest two exchanges says so and sends nothing', async () => {
    sim.script({answer: 'A1.'}, {answer: 'A2.'});
    const run = await chat(tempHome(), [], 'q1\nq2\n/compact\n');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('nothing to compact: the conversation is only its newest turns (the last two exchanges, and more while they fit 30% of the window), which stay as they are\n');
    expect(sim.tasks()).toHaveLength(2);
  });

  it('that fails says so and changes nothing: the next turn sends the whole conversation', async () => {
    const home = tempHome();
    sim.script({answer: MID}, {answer: MID}, {answer: 'A3.'}, {code: 'invalidParameter', message: 'Simulated failure.'}, {answer: 'A4.'});
    const run = await chat(home, ['--no-auto-compact'], 'q1\nq2\nq3\n/compact\nq4\n');
    expect(run.stderr).toBe('gemma: compaction failed: Simulated failure. (invalidParameter); the conversation is unchanged\ngemma: some lines failed (see above)\n');
    expect(run.stdout).toBe(`${MID}\n\n${MID}\n\nA3.\n\nA4.\n`);
    expect(run.code).toBe(1);
    const last = sim.tasks().at(-1)?.messages as unknown[];
    expect(last).toHaveLength(7);
    expect(sessionEvents(home).some((event) => event.type === 'compact')).toBe(false);
  });
});

describe('an automatic compaction that fails', () => {
  it('is a warning: the turn goes on with the whole conversation, and the chat ends well', async () => {
    const home = tempHome();
    sim.script({answer: LONG}, {answer: LONG}, {answer: LONG}, {code: 'invalidParameter', message: 'Simulated failure.'}, {answer: 'Four.'});
    const run = await chat(home, [], 'one\ntwo\nthree\nfour\n');
    expect(run.stderr).toBe('gemma: warning: compaction failed: Simulated failure. (invalidParameter); the conversation is unchanged\n');
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('\n\nFour.\n')).toBe(true);
    expect(messagesOf(4)).toHaveLength(7);
    expect(sessionEvents(home).some((event) => event.type === 'compact')).toBe(false);
  });
});
