import {existsSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {GEMMA_BIN, homeEnv, tempHome} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();
let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

const MENU = '[e]xecute  [r]evise  [d]escribe  [c]opy  [q]uit';

/** `gemma cmd TASK` on a real terminal (tmux), in a fresh folder; the screen ends with `[exit N]`. */
function cmdInTerminal(task: string, extra: Record<string, string> = {}): {cwd: string; tmux: TmuxSession} {
  const cwd = mkdtempSync(join(tmpdir(), 'gemma-cmd-'));
  const env = {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(tempHome()), TERM: 'xterm-256color', SHELL: '/bin/sh', ...extra};
  tmux = TmuxSession.start(`cd '${cwd}' && ${process.execPath} ${GEMMA_BIN} cmd '${task}'`, {env});
  return {cwd, tmux};
}

describe.skipIf(!hasTmux())('gemma cmd on a terminal', () => {
  it('shows the command and the menu; Enter and other keys run nothing; e runs it and passes its exit code', async () => {
    sim.script({answer: '```sh\necho ran-$((6 * 7)) && exit 7\n```', reasoning: ''});
    const {tmux: term} = cmdInTerminal('say hello');
    await term.waitFor(MENU);
    expect(term.screen()).toContain('echo ran-$((6 * 7)) && exit 7\n');
    term.keys('Enter');
    term.type('x');
    await term.waitFor((screen = term.screen()) => screen.split(MENU).length === 3);
    expect(term.screen()).not.toContain('ran-42');
    term.type('e');
    const screen = await term.waitFor('[exit 7]');
    expect(screen).toContain('ran-42\n');
  });

  it('q quits running nothing, exit 0; Ctrl-C quits with 130', async () => {
    sim.setDefault({answer: 'touch ran-it', reasoning: ''});
    const quit = cmdInTerminal('make a file');
    await quit.tmux.waitFor(MENU);
    quit.tmux.type('q');
    await quit.tmux.waitFor('[exit 0]');
    expect(existsSync(join(quit.cwd, 'ran-it'))).toBe(false);
    quit.tmux.kill();
    const interrupted = cmdInTerminal('make a file');
    await interrupted.tmux.waitFor(MENU);
    interrupted.tmux.keys('C-c');
    await interrupted.tmux.waitFor('[exit 130]');
    expect(interrupted.tmux.screen()).toContain('gemma: interrupted');
    expect(existsSync(join(interrupted.cwd, 'ran-it'))).toBe(false);
  });

  it('r sends the revision with the conversation so far; d explains with the explain role', async () => {
    sim.script({answer: 'ls -R | grep md', reasoning: ''}, {answer: 'find . -name "*.md"', reasoning: ''}, {answer: 'It finds **markdown** files.', reasoning: ''});
    const {tmux: term} = cmdInTerminal('list markdown files');
    await term.waitFor(MENU);
    term.type('r');
    await term.waitFor('revise: ');
    term.type('use find instead');
    term.keys('Enter');
    await term.waitFor('find . -name "*.md"');
    expect(sim.tasks()[1]?.messages).toEqual([
      {role: 'user', content: 'list markdown files'},
      {role: 'assistant', content: 'ls -R | grep md'},
      {role: 'user', content: 'use find instead'},
    ]);
    term.type('d');
    await term.waitFor('It finds markdown files.');
    expect(String((sim.tasks()[2]?.settings as Record<string, unknown>).systemPrompt)).toMatch(/^You explain things/);
    expect((sim.tasks()[2]?.messages as {content: string}[] | undefined)?.[0]?.content).toContain("```sh\nfind . -name \"*.md\"\n```");
    await term.waitFor((screen = term.screen()) => screen.split(MENU).length === 4);
    term.type('q');
    await term.waitFor('[exit 0]');
  });

  it('drops keys typed while the model worked: an e typed ahead runs nothing', async () => {
    sim.script({answer: 'touch ran-it', reasoning: '', holdMs: 800});
    const {cwd, tmux: term} = cmdInTerminal('make a file');
    await term.waitFor(() => sim.requests.length === 1);
    term.type('e');
    await term.waitFor(MENU);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(existsSync(join(cwd, 'ran-it'))).toBe(false);
    expect(term.screen()).not.toContain('[exit');
    term.type('q');
    await term.waitFor('[exit 0]');
    expect(existsSync(join(cwd, 'ran-it'))).toBe(false);
  });

  it('an empty revision goes back to the menu without a request', async () => {
    sim.script({answer: 'ls', reasoning: ''});
    const {tmux: term} = cmdInTerminal('list');
    await term.waitFor(MENU);
    term.type('r');
    await term.waitFor('revise: ');
    term.keys('Enter');
    await term.waitFor((screen = term.screen()) => screen.split(MENU).length === 3);
    expect(sim.requests).toHaveLength(1);
    term.type('q');
    await term.waitFor('[exit 0]');
  });

  it('a dangerous command gets a red warning naming why, and runs only after "yes"', async () => {
    sim.script({answer: 'rm -rf ./*', reasoning: ''});
    const {cwd, tmux: term} = cmdInTerminal('empty this folder');
    writeFileSync(join(cwd, 'keep.txt'), 'data');
    await term.waitFor(MENU);
    expect(term.screen()).toContain('gemma: warning: this command can destroy data: it deletes a broad path recursively');
    term.type('e');
    await term.waitFor('Type yes to run it anyway: ');
    term.type('y');
    term.keys('Enter');
    await term.waitFor('not run');
    expect(existsSync(join(cwd, 'keep.txt'))).toBe(true);
    term.type('e');
    await term.waitFor((screen = term.screen()) => screen.split('Type yes to run it anyway: ').length === 3);
    term.type('yes');
    term.keys('Enter');
    await term.waitFor('[exit 0]');
    expect(existsSync(join(cwd, 'keep.txt'))).toBe(false);
  });

  it("c copies with OSC 52 and says so; control characters in the model's answer are removed", async () => {
    sim.script({answer: 'echo \u001b]0;pwned\u0007hi', reasoning: ''});
    const {tmux: term} = cmdInTerminal('greet');
    await term.waitFor(MENU);
    // Cleaned before it is shown: the escape sequence is gone whole (its text is no part of the command).
    expect(term.screen()).toContain('echo hi\n');
    expect(term.screen()).not.toContain('pwned');
    term.type('c');
    await term.waitFor('copied the command with OSC 52');
    term.type('q');
    await term.waitFor('[exit 0]');
  });
});
