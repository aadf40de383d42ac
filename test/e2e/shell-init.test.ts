import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {GEMMA_BIN, homeEnv, runCli, tempHome} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();
let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

const has = (program: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], {stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
};

/** A PATH where `gemma` is this checkout's bin/gemma.js, as an installed gemma would be. */
function pathWithGemma(): string {
  const bin = mkdtempSync(join(tmpdir(), 'gemma-bin-'));
  symlinkSync(GEMMA_BIN, join(bin, 'gemma'));
  return `${bin}:${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
}

/** The shells, each started without its rc files, with the widget loaded the way the README says. */
const SHELLS = [
  {name: 'bash', start: 'bash --norc --noprofile', load: 'eval "$(gemma shell-init bash)"', ready: 'PS1=READY\\$\\ ', prompt: 'READY$ '},
  {name: 'zsh', start: 'zsh -f', load: 'eval "$(gemma shell-init zsh)"', ready: "PS1='READY$ '", prompt: 'READY$ '},
  {name: 'fish', start: 'fish --no-config', load: 'gemma shell-init fish | source', ready: "function fish_prompt; echo -n 'READY$ '; end; function fish_right_prompt; end", prompt: 'READY$ '},
] as const;

/** The last line of the screen that holds text: the line being edited. */
const lastLine = (screen: string): string => screen.trimEnd().split('\n').at(-1) ?? '';

describe('gemma shell-init', () => {
  it('prints each widget; an unknown shell is exit 2 naming the allowed ones', async () => {
    const bash = await runCli(['shell-init', 'bash']);
    expect(bash).toMatchObject({code: 0, stderr: ''});
    expect(bash.stdout).toContain('READLINE_LINE');
    const unknown = await runCli(['shell-init', 'tcsh']);
    expect(unknown).toMatchObject({code: 2, stdout: ''});
    expect(unknown.stderr).toBe('gemma: unknown shell "tcsh"; allowed: bash, zsh, fish; e.g. eval "$(gemma shell-init bash)"\n');
  });

  it.skipIf(!has('zsh'))('binds Alt-G in both zsh keymaps, so a later bindkey -v (or -e) keeps it', async () => {
    const script = (await runCli(['shell-init', 'zsh'])).stdout;
    for (const mode of ['-v', '-e']) {
      const bound = execFileSync('zsh', ['-f', '-c', `${script}\nbindkey ${mode}\nbindkey '^[g'`], {encoding: 'utf8', env: {PATH: process.env.PATH ?? '', VISUAL: '', EDITOR: ''}});
      expect(bound, `bindkey ${mode}`).toBe('"^[g" __gemma_cmd_widget\n');
    }
  });

  for (const shell of SHELLS) {
    describe.skipIf(!hasTmux() || !has(shell.name))(`the ${shell.name} widget (Alt-G)`, () => {
      const cwd = mkdtempSync(join(tmpdir(), 'gemma-widget-'));
      const start = (): TmuxSession => {
        const env = {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...homeEnv(tempHome()), PATH: pathWithGemma(), TERM: 'xterm-256color', SHELL: `/bin/${shell.name}`};
        const session = TmuxSession.start(`cd '${cwd}' && ${shell.start}`, {env});
        tmux = session;
        return session;
      };
      const load = async (term: TmuxSession): Promise<void> => {
        term.type(`${shell.ready}; ${shell.load}; clear`);
        term.keys('Enter');
        await term.waitFor((screen = term.screen()) => screen.trim() === shell.prompt.trim());
      };

      it('replaces the line with the command, the cursor at its end', async () => {
        sim.script({answer: '```sh\ntouch ran-it\n```', reasoning: ''});
        const term = start();
        await load(term);
        term.type('make a file called ran-it');
        term.keys('Escape', 'g');
        await term.waitFor((screen = term.screen()) => lastLine(screen) === `${shell.prompt}touch ran-it`);
        expect(sim.tasks()[0]?.messages).toEqual([{role: 'user', content: 'make a file called ran-it'}]);
        term.type(' && echo "cursor at the end"');
        await term.waitFor((screen = term.screen()) => lastLine(screen) === `${shell.prompt}touch ran-it && echo "cursor at the end"`);
      });

      it('puts a command of several lines (a here-document) on the line as it is, newlines kept', async () => {
        sim.script({answer: '```sh\ncat <<EOF > note.txt\nfirst line\nsecond line\nEOF\n```', reasoning: ''});
        const term = start();
        await load(term);
        term.type('write a note');
        term.keys('Escape', 'g');
        // Each line of it on a line of the screen: fish (no here-documents) joined them with spaces.
        await term.waitFor(/cat <<EOF > note\.txt\n\s*first line\n\s*second line\n\s*EOF\s*$/);
        if (shell.name === 'fish') return;
        term.keys('Enter');
        await term.waitFor(() => existsSync(join(cwd, 'note.txt')) && readFileSync(join(cwd, 'note.txt'), 'utf8') === 'first line\nsecond line\n');
      });

      it('gives the prompt back after Ctrl-C while gemma waits, so what is typed next is seen', async () => {
        sim.script({fault: 'stall', afterEvents: 0});
        const term = start();
        await load(term);
        term.type('list files');
        term.keys('Escape', 'g');
        await term.waitFor(() => sim.requests.length === 1);
        term.keys('C-c');
        await term.waitFor((screen = term.screen()) => screen.includes('gemma: interrupted') && lastLine(screen).startsWith(shell.prompt.trim()));
        term.type(' ok');
        await term.waitFor((screen = term.screen()) => lastLine(screen).startsWith(shell.prompt) && lastLine(screen).endsWith(' ok'));
      });

      // fish binds `bind -M insert` too; its vi mode takes no typed text under `fish --no-config` here, so it is not run.
      it.skipIf(shell.name === 'fish')('works in vi insert mode switched on after the widget is loaded', async () => {
        sim.script({answer: 'ls -la', reasoning: ''});
        const term = start();
        const vi = shell.name === 'zsh' ? 'bindkey -v' : 'set -o vi';
        term.type(`${shell.ready}; ${shell.load}; ${vi}; clear`);
        term.keys('Enter');
        await term.waitFor((screen = term.screen()) => screen.trim().endsWith(shell.prompt.trim()));
        term.type('list files');
        term.keys('Escape', 'g');
        await term.waitFor((screen = term.screen()) => lastLine(screen).endsWith(`${shell.prompt}ls -la`));
      });

      it('does nothing on an empty line, and leaves the line as it was when gemma fails', async () => {
        const term = start();
        await load(term);
        term.keys('Escape', 'g');
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(sim.requests).toHaveLength(0);
        sim.script({status: 401});
        term.type('list files');
        term.keys('Escape', 'g');
        await term.waitFor(() => sim.requests.length === 1);
        await term.waitFor((screen = term.screen()) => screen.includes('gemma: ') && lastLine(screen) === `${shell.prompt}list files`);
      });
    });
  }
});
