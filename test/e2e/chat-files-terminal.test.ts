import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {GEMMA_BIN, homeEnv, tempHome} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator({tokenDelayMs: 0});
let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

function start(args: string, term = 'xterm-256color'): {cwd: string} {
  const cwd = mkdtempSync(join(tmpdir(), 'gemma-chat-f-'));
  writeFileSync(join(cwd, 'notes.md'), 'first line\n');
  writeFileSync(join(cwd, 'blob.bin'), Buffer.from([0, 1]));
  const home = tempHome();
  mkdirSync(join(home.configDir, 'roles'), {recursive: true});
  writeFileSync(join(home.configDir, 'roles', 'reviewer.md'), '---\ndescription: mine\n---\nYou review.\n');
  const env = {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(home), TERM: term};
  tmux = TmuxSession.start(`cd ${cwd} && ${process.execPath} ${GEMMA_BIN} chat --no-save ${args}`, {cols: 100, env});
  return {cwd};
}

describe.skipIf(!hasTmux())('gemma chat -f with no prompt, on a terminal', () => {
  it('attaches the files to the first message typed, as /file does, instead of sending them alone', async () => {
    sim.script({answer: 'It is a note.', reasoning: ''});
    start('-f notes.md');
    const screen = await tmux!.waitFor('/help for commands');
    expect(screen).toContain('attached notes.md: 1 line, 11 bytes, ~3 tokens; it goes with your next message');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sim.tasks()).toHaveLength(0);
    tmux!.type('what is this?');
    tmux!.keys('Enter');
    const answered = await tmux!.waitFor('It is a note.');
    expect(answered).toContain('› what is this?\n  [file notes.md, 1 line, ~3 tokens]\n');
    expect(sim.tasks().map((task) => task.messages)).toEqual([[{role: 'user', content: 'notes.md\n```\nfirst line\n```\n\nwhat is this?'}]]);
    tmux!.keys('C-d');
    await tmux!.waitFor('[exit 0]');
  });

  it('on a terminal gemma cannot drive (TERM=dumb, lines typed), says so on stderr and sends them with the first line', async () => {
    sim.script({answer: 'It is a note.', reasoning: ''});
    start('-f notes.md', 'dumb');
    await tmux!.waitFor('attached notes.md: 1 line, 11 bytes, ~3 tokens; it goes with your next message');
    expect(sim.tasks()).toHaveLength(0);
    tmux!.type('what is this?');
    tmux!.keys('Enter');
    await tmux!.waitFor('It is a note.');
    expect(sim.tasks().map((task) => task.messages)).toEqual([[{role: 'user', content: 'notes.md\n```\nfirst line\n```\n\nwhat is this?'}]]);
    tmux!.keys('C-d');
    await tmux!.waitFor('[exit 0]');
  });

  it('refuses a source that cannot be sent before the chat starts: exit 2, one line, nothing sent', async () => {
    start('-f notes.md -f blob.bin');
    const screen = await tmux!.waitFor('[exit 2]');
    expect(screen).toMatch(/^gemma: -f "blob\.bin": is binary; allowed: .+\n\[exit 2\]/m);
    expect(sim.tasks()).toHaveLength(0);
  });
});

describe.skipIf(!hasTmux())('/role on a terminal', () => {
  it('Tab completes /role with the user\'s own roles too, not only the built-in ones', async () => {
    start('');
    await tmux!.waitFor('/help for commands');
    tmux!.type('/role rev');
    tmux!.keys('Tab');
    await tmux!.waitFor('› /role reviewer');
    tmux!.keys('Enter');
    await tmux!.waitFor('role reviewer (');
    tmux!.keys('C-d');
    await tmux!.waitFor('[exit 0]');
  });
});
