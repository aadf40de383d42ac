import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {expectChatFailure, expectOneLine, simEnv, tempHome} from '../faults/helpers.js';
import {GEMMA_BIN, homeEnv, runCli} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {useSimulator} from '../support/use-simulator.js';

/** The service's own window is 60 tokens (words, as its usage counts them): gemma's estimate is told 131K. */
const sim = useSimulator({contextWindow: 60});

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gemma-ctx-')), name);
  writeFileSync(path, content);
  return path;
}

const REFUSAL = /^gemma: the prompt is about 2\.3k tokens \(estimated\), more than the context window of 1K \(1024 tokens\); allowed: fewer or smaller files \(-f\), or a larger --context-window if the model takes it$/;

describe('ask whose prompt would not fit the context window', () => {
  // 9,000 ASCII characters: 2,250 tokens at 4 characters a token, and the prompt's own.
  const big = (): string => file('big.txt', 'a'.repeat(9000));

  it('is refused before sending: exit 2, one line with the estimate, the limit and the way out', async () => {
    const run = await runCli(['ask', '--context-window', '1024', '-f', big(), 'sum it up'], {env: simEnv(sim, tempHome())});
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr, REFUSAL);
    expect(run.code).toBe(2);
    expect(sim.requests).toHaveLength(0);
  });

  it('takes the window from GEMMA_CONTEXT_WINDOW and from the config file too', async () => {
    const fromEnv = await runCli(['ask', '-f', big(), 'sum it up'], {env: simEnv(sim, tempHome(), {GEMMA_CONTEXT_WINDOW: '1024'})});
    expectOneLine(fromEnv.stderr, REFUSAL);
    expect(fromEnv.code).toBe(2);
    const home = tempHome();
    expect((await runCli(['config', 'set', 'contextWindow', '1024'], {env: simEnv(sim, home)})).code).toBe(0);
    const fromConfig = await runCli(['ask', '-f', big(), 'sum it up'], {env: simEnv(sim, home)});
    expectOneLine(fromConfig.stderr, REFUSAL);
    expect(sim.requests).toHaveLength(0);
  });

  it('is sent when the window is raised', async () => {
    const run = await runCli(['ask', '--context-window', '4096', '-f', big(), 'sum it up'], {env: simEnv(sim, tempHome())});
    // The service (60 words) does not count a 9,000-letter word as more than one token: it answers.
    expect(run.code).toBe(0);
    expect(sim.tasks()).toHaveLength(1);
  });
});

/** 80 words: within gemma's estimate of 131K, over the service's 60. */
const LONG_PROMPT = Array.from({length: 80}, (_, i) => `w${i}`).join(' ');
const SERVICE_SAID = "The input is 80 tokens, more than the model's context window of 60 tokens. (contextLengthExceeded)";
const HINT = "the input is longer than the model's context window: in a chat, /compact the older turns; or attach fewer or smaller files";

describe("the service's too-long error", () => {
  it('ask reports it as such, with the hint to compact or attach less (exit 1)', async () => {
    const run = await runCli(['ask', LONG_PROMPT], {env: simEnv(sim, tempHome())});
    expect(run.stdout).toBe('');
    expectOneLine(run.stderr, `gemma: ${SERVICE_SAID}; ${HINT}`);
    expect(run.code).toBe(1);
    // It was sent once: a refusal of the input is not retried.
    expect(sim.tasks()).toHaveLength(1);
  });

  it('a chat turn reports it the same way, and the chat goes on', async () => {
    sim.script({}, {answer: 'Short one.'});
    const run = await runCli(['chat'], {env: simEnv(sim, tempHome()), stdin: `${LONG_PROMPT}\nshort\n`});
    expect(run.stdout).toBe('Short one.\n');
    expectChatFailure(run.stderr, `gemma: ${SERVICE_SAID} (${HINT})`);
    expect(run.code).toBe(1);
    // The refused question is not context for the next one.
    expect(sim.tasks()[1]?.messages).toEqual([{role: 'user', content: 'short'}]);
  });
});

let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

describe.skipIf(!hasTmux())("the chat footer's context figure", () => {
  it('shows how full the window is after each answer: the reported prompt tokens plus the estimate of what is new', async () => {
    // Each figure is the request's promptTokens as the simulator reports them (its words), plus the
    // estimate of the answer that joined the conversation (4 characters a token, 5 per message).
    sim.script({answer: 'one', reasoning: ''}, {answer: 'x'.repeat(400), reasoning: ''}, {answer: 'y'.repeat(3600), reasoning: ''});
    tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat --context-window 1024 --no-auto-compact`, {
      env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(tempHome()), TERM: 'xterm-256color'},
    });
    await tmux.waitFor('gemma · google:gemma@4-31b');
    tmux.type('a');
    tmux.keys('Enter');
    // 1 word reported, then 'one': 1 + 5 + 1 = 7 of 1,024 is 1%.
    await tmux.waitFor('session: 1 turn');
    expect(tmux.screen()).toMatch(/ctx 1% of 1K │ session: 1 turn/);
    tmux.type('b');
    tmux.keys('Enter');
    // 3 words reported (a, one, b), then 400 characters: 3 + 5 + 100 = 108 is 11%.
    await tmux.waitFor('session: 2 turns');
    expect(tmux.screen()).toMatch(/ctx 11% of 1K │ session: 2 turns/);
    tmux.type('c');
    tmux.keys('Enter');
    // 5 words reported, then 3,600 characters: 5 + 5 + 900 = 910 is 89%.
    await tmux.waitFor('session: 3 turns');
    expect(tmux.screen()).toMatch(/ctx 89% of 1K │ session: 3 turns/);
    // Past 80% the part is yellow (SGR 33), the rest of the footer dim (SGR 2); below it, dim like the rest.
    const painted = execFileSync('tmux', ['-L', tmux.name, 'capture-pane', '-e', '-p', '-J', '-S', '-200', '-t', tmux.name], {encoding: 'utf8'});
    expect(painted).toMatch(/\x1b\[33m(\x1b\[49m)?ctx 89% of 1K/);
    expect(painted).not.toMatch(/\x1b\[33m(\x1b\[49m)?ctx 11%/);
    tmux.keys('C-d');
    await tmux.waitFor('[exit 0]');
  });
});
