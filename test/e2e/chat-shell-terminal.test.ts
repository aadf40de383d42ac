import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {GEMMA_BIN, homeEnv, tempHome} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator({tokenDelayMs: 1});
let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

function chatIn(home: {configDir: string; dataDir: string}, args = ''): TmuxSession {
  tmux?.kill();
  tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat ${args}`, {
    rows: 40,
    env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(home), TERM: 'xterm-256color', SHELL: '/bin/bash'},
  });
  return tmux;
}

const running = (pattern: string): boolean => {
  try {
    return execFileSync('pgrep', ['-f', `^${pattern}$`], {encoding: 'utf8'}).trim() !== '';
  } catch {
    return false;
  }
};

describe.skipIf(!hasTmux())('! and /run in the terminal UI', () => {
  it('shows a command\'s output in the transcript, escapes inert, the exit code when not 0; nothing is sent', async () => {
    const term = chatIn(tempHome());
    await term.waitFor('/help for commands');
    term.type('!printf "\\033[2J\\033]0;pwned\\007%s\\n" one two; exit 2');
    term.keys('Enter');
    const screen = await term.waitFor('[exit code 2]');
    expect(screen).toContain('$ printf "\\033[2J\\033]0;pwned\\007%s\\n" one two; exit 2\none\ntwo\n[exit code 2]\n');
    expect(screen).toMatch(/^gemma · /);
    expect(sim.tasks()).toHaveLength(0);
    term.keys('C-d');
  });

  it('shows it is running; a message typed meanwhile waits; Ctrl-C stops the command and its children, and hands the message back', async () => {
    const term = chatIn(tempHome());
    await term.waitFor('/help for commands');
    term.type('!echo started; sleep 37.5');
    term.keys('Enter');
    await term.waitFor(/started\n⠋?.*running \d+\.\d s \(Ctrl-C or Esc stops it\): echo started; sleep 37\.5/);
    term.type('a question');
    term.keys('Enter');
    await term.waitFor('queued: a question');
    expect(running('sleep 37.5')).toBe(true);
    term.keys('C-c');
    const screen = await term.waitFor('it is back in the prompt');
    expect(screen).toContain('$ echo started; sleep 37.5\nstarted\n[stopped]\n');
    expect(running('sleep 37.5')).toBe(false);
    expect(sim.tasks()).toHaveLength(0);
    term.keys('C-u', 'C-d');
  });

  it('/run attaches the output as one line under the message; the session records it, not a ! output; a resume shows the /run line again', async () => {
    sim.script({answer: 'It is 78.'});
    const home = tempHome();
    const term = chatIn(home);
    await term.waitFor('/help for commands');
    term.type('!echo not-recorded');
    term.keys('Enter');
    await term.waitFor('not-recorded\n');
    term.type('/run seq 1 12');
    term.keys('Enter');
    await term.waitFor('attached the output of `seq 1 12`: 13 lines, 41 bytes, ~11 tokens; it goes with your next message');
    term.type('what is the sum?');
    term.keys('Enter');
    const screen = await term.waitFor('It is 78.');
    expect(screen).toContain('› what is the sum?\n  [run `seq 1 12`, 13 lines, ~11 tokens]\n');
    const messages = sim.tasks()[0]?.messages as Array<{role: string; content: string}>;
    expect(messages).toEqual([{role: 'user', content: `$ seq 1 12\n\`\`\`\n${Array.from({length: 12}, (_, i) => i + 1).join('\n')}\n[exit code 0]\n\`\`\`\n\nwhat is the sum?`}]);
    term.keys('C-d');
    await term.waitFor('[exit 0]');
    const sessions = join(home.dataDir, 'sessions');
    const file = readFileSync(join(sessions, readdirSync(sessions)[0] ?? ''), 'utf8');
    expect(file).not.toContain('not-recorded');

    const again = chatIn(home, '-c');
    const resumed = await again.waitFor('/help for commands');
    expect(resumed).toContain('› what is the sum?\n  [run `seq 1 12`, 13 lines, ~11 tokens]\n');
    expect(resumed).not.toContain('not-recorded');
    again.keys('C-d');
  });
});
