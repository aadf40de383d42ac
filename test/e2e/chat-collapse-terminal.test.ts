import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {GEMMA_BIN, homeEnv, runCli, tempHome} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator({tokenDelayMs: 0});
let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

/** 2,231 lines of 32 characters: 73,622 bytes. */
const material = Array.from({length: 2231}, (_, i) => `+ line ${String(i).padStart(5, '0')} of the change......`).join('\n');

describe.skipIf(!hasTmux())('gemma chat with piped stdin in a real terminal', () => {
  it('shows the material as one line, sends and saves it whole, and collapses it again when resumed', async () => {
    sim.script({answer: 'Looks fine.', reasoning: ''});
    const home = tempHome();
    const file = join(mkdtempSync(join(tmpdir(), 'gemma-stdin-')), 'change.diff');
    writeFileSync(file, `${material}\n`);
    const env = {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(home), TERM: 'xterm-256color'};
    tmux = TmuxSession.start(`cat ${file} | ${process.execPath} ${GEMMA_BIN} chat --session review "review this"`, {cols: 80, env});
    const screen = await tmux.waitFor('Looks fine.', 20_000);
    expect(screen).toContain('› review this\n  [stdin: 2,231 lines, 74 kB]\n');
    expect(screen).not.toContain('line 01000');
    const sent = `review this\n\n${material}`;
    expect(sim.tasks()[0]?.messages).toEqual([{role: 'user', content: sent}]);
    tmux.keys('C-d');
    await tmux.waitFor('[exit 0]');
    tmux.kill();

    const sessionsDir = join(home.dataDir, 'sessions');
    const stored = readdirSync(sessionsDir).map((name) => readFileSync(join(sessionsDir, name), 'utf8')).join('');
    expect(stored).toContain(JSON.stringify(sent).slice(1, -1));
    const shown = await runCli(['sessions', 'show', 'review'], {env: homeEnv(home)});
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(material);

    tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat --session review`, {cols: 80, env});
    const resumed = await tmux.waitFor('Looks fine.', 20_000);
    expect(resumed).toContain('› review this\n  [2,231 lines, 74 kB]\n');
    expect(resumed).not.toContain('line 01000');
    tmux.keys('C-d');
    await tmux.waitFor('[exit 0]');
  });
});
