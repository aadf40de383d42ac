import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {GEMMA_BIN, homeEnv, tempHome} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator({tokenDelayMs: 0});
let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

function start(rows: number): TmuxSession {
  const home = tempHome();
  tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat`, {
    rows,
    env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(home), TERM: 'xterm-256color'},
  });
  return tmux;
}

/** Pastes `text` into the pane as a terminal does with bracketed paste on (`paste-buffer -p`). */
function bracketedPaste(term: TmuxSession, text: string): void {
  const file = join(mkdtempSync(join(tmpdir(), 'gemma-paste-')), 'paste.txt');
  writeFileSync(file, text);
  execFileSync('tmux', ['-L', term.name, 'load-buffer', '-b', 'paste', file]);
  execFileSync('tmux', ['-L', term.name, 'paste-buffer', '-p', '-d', '-b', 'paste', '-t', term.name]);
}

describe.skipIf(!hasTmux())('gemma chat: a large paste in a real terminal', () => {
  it('shows the end of a 3,000-line bracketed paste within the screen, and sends it exactly', async () => {
    sim.script({answer: 'Got it.', reasoning: ''});
    const term = start(30);
    await term.waitFor('gemma · google:gemma@4-31b');
    const lines = Array.from({length: 3000}, (_, i) => `${String(i + 1).padStart(4, '0')}  const café${i} = compute(${i}, "naïve → 漢字");`);
    const text = lines.join('\n');
    bracketedPaste(term, text);
    const screen = await term.waitFor('3000  const café2999', 20_000);
    // Clipped to the screen: the line counting the rest, never the start of the paste.
    expect(screen).toMatch(/… 2,9\d\d more lines above \(Ctrl\+G: edit in \$EDITOR\)/);
    expect(screen).not.toContain('0001  const');
    // Not submitted: the pasted newlines are text, and a key typed after lands at its end.
    expect(sim.tasks()).toHaveLength(0);
    term.type(' // end');
    await term.waitFor('漢字"); // end');
    term.keys('Enter');
    await term.waitFor('Got it.', 20_000);
    expect(sim.tasks()).toHaveLength(1);
    expect(sim.tasks()[0]?.messages).toEqual([{role: 'user', content: `${text} // end`}]);
    term.keys('C-d');
    await term.waitFor('[exit 0]');
  });
});
