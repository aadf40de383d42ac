import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {GEMMA_BIN, homeEnv, tempHome} from '../support/run-cli.js';
import {startSimulator, type Simulator} from '../support/simulator.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';

// A 40,000-word answer with no paragraph break, words numbered so a wait can tell how far it got.
const WORDS = 40_000;
const answer = Array.from({length: WORDS}, (_, i) => (i % 9 === 4 ? `café${i}` : `w${i}`)).join(' ');
// Generous: the machine may be busy; nothing here is timed.
const LONG_WAIT = 60_000;

let sim: Simulator;
let tmux: TmuxSession | undefined;
beforeAll(async () => {
  sim = await startSimulator({port: 0, tokenDelayMs: 1});
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  tmux?.kill();
  sim.reset();
});

type Home = ReturnType<typeof tempHome>;

function start(home: Home): TmuxSession {
  // Several words an event: the stream is fast, as a fast model's is, and the test short.
  sim.script({answer, reasoning: '', deltaChars: 40});
  tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat`, {
    rows: 30,
    env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(home), TERM: 'xterm-256color'},
  });
  return tmux;
}

/**
 * Types the question and waits until the one paragraph is 12,000 words (80 KB) long on screen.
 * Before the fix each frame measured the whole paragraph and never got this far: the screen
 * froze, and with it Ctrl-C and SIGTERM.
 */
async function streamFar(term: TmuxSession): Promise<void> {
  await term.waitFor('gemma ·', LONG_WAIT);
  term.type('one long paragraph please');
  term.keys('Enter');
  await term.waitFor(/\bw12\d{3}\b/, LONG_WAIT);
}

function savedAnswer(home: Home): {text: string; interrupted?: boolean} {
  const dir = join(home.dataDir, 'sessions');
  const file = readdirSync(dir).find((name) => name.endsWith('.jsonl'));
  const events = readFileSync(join(dir, file!), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  return events.find((event) => event.type === 'assistant') as {text: string; interrupted?: boolean};
}

function gemmaPid(term: TmuxSession): number {
  const children = execFileSync('pgrep', ['-P', String(term.panePid())], {encoding: 'utf8'}).trim().split('\n');
  const node = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(GEMMA_BIN));
  if (!node) throw new Error(`no gemma under the pane: ${children.join(', ')}`);
  return Number(node);
}

describe.skipIf(!hasTmux())('a 40,000-word single paragraph in the terminal chat', () => {
  it('Ctrl-C stops it mid-stream: (interrupted), the prompt is back, the partial answer is kept', {timeout: 4 * LONG_WAIT}, async () => {
    const home = tempHome();
    const term = start(home);
    await streamFar(term);
    term.keys('C-c');
    await term.waitFor('(interrupted)', LONG_WAIT);
    // The prompt is idle again: Ctrl-C there asks before exiting.
    term.keys('C-c');
    await term.waitFor('press Ctrl-C again to exit', LONG_WAIT);
    term.keys('C-c');
    await term.waitFor('[exit 0]', LONG_WAIT);
    const saved = savedAnswer(home);
    expect(saved.interrupted).toBe(true);
    expect(saved.text).toMatch(/^w0 w1 w2 w3 café4 w5 /);
    const words = saved.text.split(' ').length;
    expect(words).toBeGreaterThan(12_000);
    expect(words).toBeLessThan(WORDS);
    expect(answer.startsWith(saved.text)).toBe(true);
  });

  it('SIGTERM ends it mid-stream with exit 143, the partial answer saved as interrupted', {timeout: 4 * LONG_WAIT}, async () => {
    const home = tempHome();
    const term = start(home);
    await streamFar(term);
    process.kill(gemmaPid(term), 'SIGTERM');
    await term.waitFor('[exit 143]', LONG_WAIT);
    const saved = savedAnswer(home);
    expect(saved.interrupted).toBe(true);
    expect(saved.text.split(' ').length).toBeLessThan(WORDS);
    expect(answer.startsWith(saved.text)).toBe(true);
  });
});
