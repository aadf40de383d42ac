import {appendFileSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {basename, join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {readSession} from '../../src/sessions/read-session.js';
import {CHAT_SUMMARY, expectOneLine, simEnv, startCli, waitUntil, type Home} from '../faults/helpers.js';
import {runCli, tempHome} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();
let home: Home;
beforeEach(() => {
  home = tempHome();
});

const gemma = (args: string[], stdin?: string) => runCli(args, {env: simEnv(sim, home), ...(stdin === undefined ? {} : {stdin})});
const sessionsDir = () => join(home.dataDir, 'sessions');
const sessionPaths = () => readdirSync(sessionsDir()).filter((file) => file.endsWith('.jsonl')).map((file) => join(sessionsDir(), file));
/** Each request's messages as `u:text` / `a:text`. */
const sent = () => sim.tasks().map((task) => (task.messages as Array<{role: string; content: string}>).map((m) => `${m.role[0]}:${m.content}`));
/** A session file's questions and answers as `u:text` / `a:text` (`a!:` for a failed answer). */
const recorded = (path: string) =>
  readSession(path).events.flatMap((e) => (e.type === 'user' ? [`u:${e.text}`] : e.type === 'assistant' ? [`a${e.failed ? '!' : ''}:${e.text}`] : []));
const idOf = (path: string) => basename(path, '.jsonl');
const REJECTED = {status: 400, code: 'invalidParameter', message: 'Nope.'};

/** Every request alternates user and assistant and ends with the new question. */
function expectAlternating(requests: string[][]): void {
  for (const messages of requests) {
    expect(messages.map((m) => m[0])).toEqual(messages.map((_, i) => (i % 2 === 0 ? 'u' : 'a')));
    expect(messages.length % 2).toBe(1);
  }
}

describe('the conversation sent is the one the user sees', () => {
  it('plain chat: a line whose request failed is not sent with the next one, and sessions show marks it', async () => {
    sim.script(REJECTED, {answer: 'Answer 2.'}, {answer: 'Answer 3.'});
    const run = await gemma(['chat'], 'q1\nq2\n');
    expect(run.stdout).toBe('Answer 2.\n');
    expect(run.stderr).toBe(`gemma: Nope. (invalidParameter)\n${CHAT_SUMMARY}\n`);
    expect(run.code).toBe(1);
    expect(sent()).toEqual([['u:q1'], ['u:q2']]);
    const [path] = sessionPaths();
    expect(recorded(path!)).toEqual(['u:q1', 'a!:', 'u:q2', 'a:Answer 2.']);
    const shown = await gemma(['sessions', 'show', idOf(path!)]);
    expect(shown.stdout).toContain('## You\n\nq1\n\n*(failed: Nope. (invalidParameter); not sent as context)*\n\n## You\n\nq2\n\n## Gemma\n\nAnswer 2.\n');
    expect((await gemma(['sessions', 'list'])).stdout).toMatch(/ 1 turn {4} q1\n$/);
    const resumed = await gemma(['chat', '-c'], 'q3\n');
    expect(resumed.code).toBe(0);
    expect(sent()[2]).toEqual(['u:q2', 'a:Answer 2.', 'u:q3']);
  });

  it('plain chat: a bad /model fails its turn, and the next good turn does not carry it', async () => {
    sim.script({answer: 'A0.'}, {answer: 'never'}, {answer: 'A2.'});
    const run = await gemma(['chat'], 'q0\n/model not-a-model\nq1\n/unset model\nq2\n');
    expect(run.stdout).toBe('A0.\n\nA2.\n');
    expect(run.stderr).toMatch(/^model = not-a-model\ngemma: .+\nmodel unset.*\ngemma: some lines failed \(see above\)\n$/);
    expect(run.code).toBe(1);
    expect(sim.tasks().map((task) => task.model)).toEqual(['google:gemma@4-31b', 'not-a-model', 'google:gemma@4-31b']);
    expect(sent()).toEqual([['u:q0'], ['u:q0', 'a:A0.', 'u:q1'], ['u:q0', 'a:A0.', 'u:q2']]);
  });

  it('/retry after a failure asks the failed line again; the session replays it as answered', async () => {
    sim.script(REJECTED, {answer: 'Now it works.'}, {answer: 'Next.'});
    const run = await gemma(['chat'], 'q1\n/retry\n');
    expect(run.stdout).toBe('Now it works.\n');
    expect(run.stderr).toBe(`gemma: Nope. (invalidParameter)\nasking the failed question again\n${CHAT_SUMMARY}\n`);
    expect(sent()).toEqual([['u:q1'], ['u:q1']]);
    expect(recorded(sessionPaths()[0]!)).toEqual(['u:q1', 'a!:', 'u:q1', 'a:Now it works.']);
    await gemma(['chat', '-c'], 'q2\n');
    expect(sent()[2]).toEqual(['u:q1', 'a:Now it works.', 'u:q2']);
  });

  it('/resume inside a chat continues the named session, and /retry there asks its failed last line again', async () => {
    sim.script({answer: 'Alpha one.'}, REJECTED, {answer: 'Beta one.'}, {answer: 'Alpha two.'});
    await gemma(['chat', '--session', 'alpha'], 'a1\na2\n');
    await gemma(['chat'], 'b1\n');
    const run = await gemma(['chat'], '/resume alpha\n/retry\n');
    expect(run.stdout).toBe('Alpha two.\n');
    expect(run.stderr).toBe('failed: Nope. (invalidParameter); not sent as context\nresumed session alpha: 2 messages will be sent as context\nasking the failed question again\n');
    expect(run.code).toBe(0);
    expect(sent().at(-1)).toEqual(['u:a1', 'a:Alpha one.', 'u:a2']);
    // The chat that resumed wrote into alpha, not a file of its own.
    expect(sessionPaths()).toHaveLength(2);
    const alpha = sessionPaths().find((path) => readFileSync(path, 'utf8').includes('"name":"alpha"'))!;
    expect(recorded(alpha)).toEqual(['u:a1', 'a:Alpha one.', 'u:a2', 'a!:', 'u:a2', 'a:Alpha two.']);
  });

  it('resumes a file whose last line was torn, twice: both requests alternate and the file stays readable', async () => {
    sim.script({answer: 'A1.'}, {answer: 'A3.'}, {answer: 'A4.'});
    await gemma(['chat'], 'q1\n');
    const [path] = sessionPaths();
    // What a kill -9 in the middle of writing an answer leaves behind.
    appendFileSync(path!, `${JSON.stringify({type: 'user', at: new Date().toISOString(), text: 'q2'})}\n{"type":"assistant","at":"2026-`);
    const first = await gemma(['chat', '-c'], 'q3\n');
    expect(first.stdout).toBe('A3.\n');
    expect(first.stderr).toContain('skipped 1 unreadable line');
    const second = await gemma(['chat', '-c'], 'q4\n');
    expect(second.stdout).toBe('A4.\n');
    expect(sent()).toEqual([['u:q1'], ['u:q1', 'a:A1.', 'u:q3'], ['u:q1', 'a:A1.', 'u:q3', 'a:A3.', 'u:q4']]);
    expectAlternating(sent());
    const read = readSession(path!);
    expect(read.skipped).toBe(1);
    expect(recorded(path!)).toEqual(['u:q1', 'a:A1.', 'u:q2', 'u:q3', 'a:A3.', 'u:q4', 'a:A4.']);
    expect((await gemma(['sessions', 'show', idOf(path!)])).stdout)
      .toContain('## You\n\nq2\n\n*(no answer was recorded; not sent as context)*\n');
  });

  it('-c, ask -c and sessions list go by the conversation last talked in, not a later rename', async () => {
    sim.script({answer: 'Old.'}, {answer: 'New.'}, {answer: 'Chat follow.'}, {answer: 'Ask follow.'});
    await gemma(['chat', '--session', 'older'], 'old question\n');
    await gemma(['chat', '--session', 'newer'], 'new question\n');
    expect((await gemma(['sessions', 'rename', 'older', 'renamed'])).code).toBe(0);
    const list = await gemma(['sessions', 'list']);
    expect(list.stdout.split('\n').map((line) => line.split(' ')[0])).toEqual(['newer', 'renamed', '']);
    await gemma(['chat', '-c'], 'chat follow\n');
    expect(sent()[2]).toEqual(['u:new question', 'a:New.', 'u:chat follow']);
    expect((await gemma(['sessions', 'rename', 'renamed', 'renamed-again'])).code).toBe(0);
    const ask = await gemma(['ask', '-c', 'ask follow']);
    expect(ask.stdout).toBe('Ask follow.\n');
    expect(sent()[3]).toEqual(['u:new question', 'a:New.', 'u:chat follow', 'a:Chat follow.', 'u:ask follow']);
  });

  it('ask -c after a failed ask -c does not send the failed question', async () => {
    sim.script({answer: 'A0.'}, REJECTED, {answer: 'A2.'});
    await gemma(['chat'], 'q0\n');
    const failed = await gemma(['ask', '-c', 'q1']);
    expect(failed.stdout).toBe('');
    expectOneLine(failed.stderr, 'gemma: Nope. (invalidParameter)');
    expect(failed.code).toBe(1);
    const next = await gemma(['ask', '-c', 'q2']);
    expect(next.stdout).toBe('A2.\n');
    expect(next.code).toBe(0);
    expect(sent()).toEqual([['u:q0'], ['u:q0', 'a:A0.', 'u:q1'], ['u:q0', 'a:A0.', 'u:q2']]);
    expect(recorded(sessionPaths()[0]!)).toEqual(['u:q0', 'a:A0.', 'u:q1', 'a!:', 'u:q2', 'a:A2.']);
  });
});

describe('ask -c while another gemma writes the same session', () => {
  it('the second one fails at once and sends nothing; what each sent is what the file holds', async () => {
    // The first ask -c streams three words, then the service goes quiet: it holds the lock until Ctrl-C.
    sim.script({answer: 'A0.'}, {answer: 'one two three four five', reasoning: '', fault: 'stall', afterEvents: 3}, {answer: 'A3.'});
    await gemma(['chat'], 'q0\n');
    const holder = startCli(['ask', '-c', 'q1'], {env: simEnv(sim, home), home});
    await waitUntil(() => holder.stdout().includes('two'), 'the first ask -c to stream');
    const second = await gemma(['ask', '-c', 'q2']);
    expect(second.stdout).toBe('');
    expectOneLine(second.stderr, /^gemma: session \S+ is open in another gemma \(pid \d+\); close that one first, or start a new session$/);
    expect(second.code).toBe(1);
    expect(sim.requests).toHaveLength(2);
    holder.child.kill('SIGINT');
    const first = await holder.done;
    expect(first.code).toBe(130);
    const third = await gemma(['ask', '-c', 'q3']);
    expect(third.stdout).toBe('A3.\n');
    const file = recorded(sessionPaths()[0]!);
    // Each request is exactly the file's conversation before its question; q2 was neither sent nor recorded.
    expect(first.stdout).toBe('one two three \n');
    expect(file).toEqual(['u:q0', 'a:A0.', 'u:q1', 'a:one two three ', 'u:q3', 'a:A3.']);
    expect(sent()).toEqual([['u:q0'], file.slice(0, 3), file.slice(0, 5)]);
  });

  for (const [command, args, stdin] of [['ask -c', ['ask', '-c', 'q2'], undefined], ['chat -c', ['chat', '-c'], 'q2\n']] as const) {
    it(`${command} reads the session under its lock: a turn another gemma finished just before is sent too`, async () => {
      sim.script({answer: 'A0.'}, {answer: 'A2.'});
      await gemma(['chat'], 'q0\n');
      // Another gemma's turn lands between this one choosing the session and locking it: a
      // preload appends it the moment the lock file is created, so the race happens every time.
      const turn = [{type: 'user', at: new Date().toISOString(), text: 'q1'}, {type: 'assistant', at: new Date().toISOString(), text: 'A1.', finishReason: 'stop', interrupted: false}];
      const hook = join(home.dataDir, '..', 'interleave.cjs');
      writeFileSync(hook, `
        const fs = require('node:fs');
        const openSync = fs.openSync;
        let done = false;
        fs.openSync = function (path, flags, ...rest) {
          if (!done && typeof path === 'string' && path.endsWith('.jsonl.lock') && flags === 'wx') {
            done = true;
            fs.appendFileSync(path.slice(0, -'.lock'.length), ${JSON.stringify(turn.map((event) => `${JSON.stringify(event)}\n`).join(''))});
          }
          return openSync.call(this, path, flags, ...rest);
        };
      `);
      const run = await runCli([...args], {env: {...simEnv(sim, home), NODE_OPTIONS: `--require ${hook}`}, ...(stdin ? {stdin} : {})});
      expect(run.stdout).toBe('A2.\n');
      expect(run.code).toBe(0);
      const file = recorded(sessionPaths()[0]!);
      expect(file).toEqual(['u:q0', 'a:A0.', 'u:q1', 'a:A1.', 'u:q2', 'a:A2.']);
      expect(sent()[1]).toEqual(file.slice(0, 5));
    });
  }

  it('a lock held by a live process: one line, exit 1, nothing sent, nothing written', async () => {
    sim.script({answer: 'A0.'});
    await gemma(['chat'], 'q0\n');
    const [path] = sessionPaths();
    const before = readFileSync(path!, 'utf8');
    writeFileSync(`${path}.lock`, String(process.pid));
    const run = await gemma(['ask', '-c', 'q1']);
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr, `gemma: session ${idOf(path!)} is open in another gemma (pid ${process.pid}); close that one first, or start a new session`);
    expect(run.code).toBe(1);
    expect(sim.requests).toHaveLength(1);
    expect(readFileSync(path!, 'utf8')).toBe(before);
  });
});
