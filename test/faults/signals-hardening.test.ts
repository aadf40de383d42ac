import {execFileSync, spawn} from 'node:child_process';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cliEnv, homeEnv} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {useSimulator} from '../support/use-simulator.js';
import {expectNoTrace, expectSessionIntact, GEMMA_BIN, runCli, simEnv, tempHome, waitUntil, type Home} from './helpers.js';

// Every event after the first waits 20 ms: a 300-token answer streams for six seconds.
const sim = useSimulator({tokenDelayMs: 20});

const sessionEvents = (home: Home): Array<Record<string, unknown>> => {
  const dir = join(home.dataDir, 'sessions');
  const [file] = readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
  return readFileSync(join(dir, file!), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
};
const lockFiles = (home: Home): string[] => readdirSync(join(home.dataDir, 'sessions')).filter((name) => name.endsWith('.lock'));

describe('a piped chat whose stdin stays open', () => {
  it.each([
    ['SIGTERM', 143, 'gemma: terminated'],
    ['SIGINT', 130, 'gemma: interrupted'],
  ] as const)('stops on the first %s after an answer (exit %i), the session intact', async (signal, exitCode, line) => {
    sim.script({answer: 'First answer.', reasoning: ''});
    const home = tempHome();
    const child = spawn(process.execPath, [GEMMA_BIN, 'chat'], {env: cliEnv(home, simEnv(sim, home)), stdio: ['pipe', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Written, never ended: like `tail -f log | gemma chat` under `timeout` or `docker stop`.
    child.stdin.write('hi\n');
    await waitUntil(() => stdout === 'First answer.\n', 'the first answer');
    child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    const code = await closed;
    clearTimeout(killer);
    expect(code).toBe(exitCode);
    expect(stderr).toBe(`${line}\n`);
    expect(sim.requests).toHaveLength(1);
    await expectSessionIntact(home);
    expect(sessionEvents(home).filter((event) => event.type !== 'session').map((event) => `${String(event.type)}:${String(event.text)}`))
      .toEqual(['user:hi', 'assistant:First answer.']);
    expect(lockFiles(home)).toEqual([]);
  });
});

describe('commands in a piped chat', () => {
  it('/exit ends the chat: nothing after it is sent', async () => {
    sim.script({answer: 'One.', reasoning: ''}, {answer: 'Two.', reasoning: ''});
    const result = await runCli(['chat'], {env: simEnv(sim), stdin: 'one\n/exit\ntwo\nthree\n'});
    expect(result.stdout).toBe('One.\n');
    expect(result.code).toBe(0);
    expect(sim.requests).toHaveLength(1);
  });

  it('/copy writes no escape sequence into stdout; a warning says it needs a terminal', async () => {
    sim.script({answer: 'One.', reasoning: ''});
    const result = await runCli(['chat'], {env: simEnv(sim), stdin: 'one\n/copy\n'});
    expect(result.stdout).toBe('One.\n');
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stderr).toContain('gemma: warning: /copy needs a terminal to copy through (stdout is not one); nothing was copied\n');
    expectNoTrace(result.stderr);
    expect(result.code).toBe(0);
  });
});

let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());
/** The pid of the gemma the tmux pane runs (the shell's child). */
function gemmaPid(term: TmuxSession): number {
  const pane = String(term.panePid());
  const children = execFileSync('pgrep', ['-P', pane], {encoding: 'utf8'}).trim().split('\n');
  const node = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(GEMMA_BIN));
  if (!node) throw new Error(`no gemma under pane ${pane}: ${children.join(', ')}`);
  return Number(node);
}

describe.skipIf(!hasTmux())('the terminal chat ended by a signal from outside, mid-answer', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const)('%s: the partial answer is saved as interrupted, the lock released, exit %i', async (signal, exitCode) => {
    sim.script({tokens: 300, reasoning: ''});
    const home = tempHome();
    tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat`, {
      env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(home), TERM: 'xterm-256color'},
    });
    const term = tmux;
    await term.waitFor('gemma ·');
    term.type('tell me a long story');
    term.keys('Enter');
    await term.waitFor(/alpha beta gamma/);
    await waitUntil(() => lockFiles(home).length === 1, 'the session lock');
    process.kill(gemmaPid(term), signal);
    await term.waitFor(`[exit ${exitCode}]`);
    const answer = sessionEvents(home).find((event) => event.type === 'assistant');
    expect(answer).toMatchObject({interrupted: true, finishReason: null});
    expect(String(answer?.text)).toMatch(/^alpha beta gamma/);
    expect(lockFiles(home)).toEqual([]);
    expect(existsSync(join(home.dataDir, 'sessions'))).toBe(true);
  });
});
