import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {expectOneLine, sessionFiles, simEnv, startCli, waitUntil, type Home} from '../faults/helpers.js';
import {runCli, tempHome} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();
let home: Home;
let cwd: string;

beforeEach(() => {
  home = tempHome();
  cwd = mkdtempSync(join(tmpdir(), 'gemma-chat-shell-'));
});

const chat = (stdin: string, args: string[] = []) => runCli(['chat', ...args], {env: simEnv(sim, home), stdin, cwd});
/** Each request's messages, as sent. */
const sent = () => sim.tasks().map((task) => (task.messages as Array<{role: string; content: string}>).map((m) => m.content));
const sessionText = (): string => readFileSync(join(home.dataDir, 'sessions', sessionFiles(home)[0] ?? ''), 'utf8');
const runBlock = (command: string, body: string) => `$ ${command}\n\`\`\`\n${body}\n\`\`\``;

describe('!command in piped chat', () => {
  it('runs in the chat\'s folder and prints its output, stderr merged, on stderr; stdout holds the answer only; nothing of it is sent', async () => {
    sim.script({answer: 'One.'});
    const run = await chat('!pwd; echo to-out; echo to-err >&2; exit 3\nquestion\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('One.\n');
    expect(run.stderr).toBe(`$ pwd; echo to-out; echo to-err >&2; exit 3\n${cwd}\nto-out\nto-err\n[exit code 3]\n`);
    expect(sent()).toEqual([['question']]);
  });

  it('is not recorded: the session file holds the conversation, and a resume sends only it', async () => {
    sim.script({answer: 'One.'}, {answer: 'Two.'});
    await chat('!echo secret-output\nquestion\n');
    const file = sessionText();
    expect(file).not.toContain('secret-output');
    expect(file).not.toContain('!echo');
    const again = await chat('next\n', ['-c']);
    expect(again.code).toBe(0);
    expect(sent()[1]).toEqual(['question', 'One.', 'next']);
  });

  it('shows escapes from the command inert, colours dropped; stdin is not the chat\'s (the next line is still a message)', async () => {
    sim.script({answer: 'One.'});
    const run = await chat('!printf "\\033[31mred\\033[0m \\033]0;title\\007 done\\n"; cat; echo cat-ended\nstill a message\n');
    expect(run.stderr).toBe('$ printf "\\033[31mred\\033[0m \\033]0;title\\007 done\\n"; cat; echo cat-ended\nred  done\ncat-ended\n');
    expect(run.stderr).not.toContain('\u001b');
    expect(sent()).toEqual([['still a message']]);
  });

  it('a bare ! is a one-line usage error, nothing sent; !! sends a message that starts with !', async () => {
    sim.script({answer: 'One.'});
    const run = await chat('!\n!!important: read this\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^gemma: ! needs a command to run .*start it with !!\ngemma: some lines failed/);
    expect(sent()).toEqual([['!important: read this']]);
  });

  it('does not hand the API key to the command', async () => {
    const run = await chat('!env | grep -c RUNWARE_API_KEY\n');
    expect(run.stderr).toBe('$ env | grep -c RUNWARE_API_KEY\n0\n[exit code 1]\n');
    expect(run.stderr).not.toContain(sim.apiKey);
  });

  it('hides the API key where the command finds it anyway: gemma\'s own environment, shown or attached', async () => {
    sim.script({answer: 'One.'});
    const environ = 'tr "\\0" "\\n" < /proc/$PPID/environ | grep ^RUNWARE_API_KEY=';
    const run = await chat(`!${environ}\n/run ${environ}\nwhat is it?\n`);
    expect(run.stderr).toContain(`$ ${environ}\nRUNWARE_API_KEY=***\n`);
    expect(run.stderr).not.toContain(sim.apiKey);
    expect(JSON.stringify(sim.tasks())).toContain('RUNWARE_API_KEY=***');
    expect(JSON.stringify(sim.tasks())).not.toContain(sim.apiKey);
  });

  it('caps a huge output while it runs: its first and last 128 kB, and a line saying what was cut', async () => {
    const run = await chat('!yes abcdefg | head -c 3000000; echo; echo last-line\n');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('[… 2.6 MB of output cut here (2.9 MB in all; the first and last 128 kB are kept) …]\n');
    expect(run.stderr.endsWith('abcdefg\n\nlast-line\n')).toBe(true);
    expect(Buffer.byteLength(run.stderr)).toBeLessThan(270 * 1024);
  });

  it('SIGINT stops a command that never ends, and everything it started; the chat exits 130', async () => {
    const live = startCli(['chat'], {home, env: simEnv(sim, home), stdin: '!sleep 30 & sleep 31; echo never\nnot sent\n'});
    await waitUntil(() => processes('sleep 3[01]').length === 2, 'the sleeps to start');
    live.child.kill('SIGINT');
    const result = await live.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('$ sleep 30 & sleep 31; echo never\n[stopped]\ngemma: interrupted\n');
    expect(processes('sleep 3[01]')).toEqual([]);
    expect(sim.tasks()).toHaveLength(0);
  });
});

describe('/run in piped chat', () => {
  it('attaches the output, stderr merged, and the exit code to the next message only; the turn after does not send it again', async () => {
    sim.script({answer: 'One.'}, {answer: 'Two.'});
    const run = await chat('/run echo out; echo err >&2; exit 2\nwhat failed?\nand now?\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('One.\n\nTwo.\n');
    expect(run.stderr).toBe('attached the output of `echo out; echo err >&2; exit 2` (exit code 2): 3 lines, 22 bytes, ~6 tokens; it goes with your next message\n');
    const first = `${runBlock('echo out; echo err >&2; exit 2', 'out\nerr\n[exit code 2]')}\n\nwhat failed?`;
    expect(sent()).toEqual([[first], [first, 'One.', 'and now?']]);
  });

  it('shows in /files, /drop removes it; two runs of one command both go', async () => {
    sim.script({answer: 'One.'});
    const run = await chat('/run echo a\n/run echo a\n/files\n/drop 1\n/files\nquestion\n');
    expect(run.stderr).toContain('attached to your next message:\n  1. $ echo a: 2 lines, 16 bytes, ~4 tokens\n  2. $ echo a: 2 lines, 16 bytes, ~4 tokens\n');
    expect(run.stderr).toContain('detached $ echo a\nattached to your next message:\n  1. $ echo a: 2 lines');
    expect(sent()).toEqual([[`${runBlock('echo a', 'a\n[exit code 0]')}\n\nquestion`]]);
  });

  it('is recorded through the blob store: a resume sends exactly what was sent', async () => {
    sim.script({answer: 'One.'}, {answer: 'Two.'});
    await chat('/run printf "x\\ny\\n"\nquestion\n');
    const file = sessionText();
    expect(file).toContain('"files":[{"name":"$ printf \\"x\\\\ny\\\\n\\"","sha256":');
    await chat('next\n', ['-c']);
    const [first, second] = sent();
    expect(second?.slice(0, 2)).toEqual([first?.[0], 'One.']);
    expect(first?.[0]).toBe(`${runBlock('printf "x\\ny\\n"', 'x\ny\n[exit code 0]')}\n\nquestion`);
  });

  it('cuts an output past the file limit, saying so where it was cut and on the attachment line', async () => {
    sim.script({answer: 'One.'});
    const run = await chat('/run head -c 400000 /dev/zero | tr "\\0" x; echo; echo end\nquestion\n');
    expect(run.stderr).toMatch(/^attached the output of .*; cut to the first and last 128 kB of 391 kB; it goes with your next message\n$/);
    const message = sent()[0]?.[0] ?? '';
    expect(message).toContain('\n[… 135 kB of output cut here (391 kB in all; the first and last 128 kB are kept) …]\n');
    expect(message.endsWith('x\nend\n[exit code 0]\n```\n\nquestion')).toBe(true);
  });

  it('with nothing to run: a one-line usage error, nothing attached or sent', async () => {
    const run = await chat('/run\n/files\n');
    expectOneLine(`${run.stderr.split('\n')[0]}\n`, /^gemma: \/run needs a command to run, e\.g\. \/run git diff; .+$/);
    expect(run.stderr).toContain('nothing is attached');
    expect(sim.tasks()).toHaveLength(0);
  });
});

/** Pids of processes whose command line matches `pattern` (pgrep -f). */
function processes(pattern: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `^${pattern}$`], {encoding: 'utf8'}).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
