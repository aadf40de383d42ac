import {spawnSync} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cliEnv, GEMMA_BIN, homeEnv, runCli, tempHome} from '../support/run-cli.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';

/** A copy of bin/ with, beside it, only the dist/ files named: a checkout not (fully) built. */
function checkoutWith(distFiles: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'gemma-unbuilt-'));
  mkdirSync(join(root, 'bin'));
  for (const file of ['gemma.js', 'package.json']) copyFileSync(join(GEMMA_BIN, '..', file), join(root, 'bin', file));
  if (distFiles.length > 0) mkdirSync(join(root, 'dist'));
  for (const file of distFiles) copyFileSync(join(GEMMA_BIN, '..', '..', 'dist', file), join(root, 'dist', file));
  return join(root, 'bin', 'gemma.js');
}

describe('gemma --help', () => {
  it('`gemma` alone prints the help on stdout and exits 0', async () => {
    const run = await runCli([]);
    expect(run.stdout).toMatch(/^Usage: gemma \[options\] \[command\]\n/);
    expect(run.stdout).toContain('\nCommands:\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it("shows each setting's allowed values and default, and the --no- forms", async () => {
    const run = await runCli(['ask', '--help']);
    expect(run.stdout).toMatch(/^ {2}--thinking-level <level> {2}depth of reasoning \(low\|high, default high\)$/m);
    expect(run.stdout).toMatch(/^ {2}--top-k <n> +sample from the K most likely tokens \(1 to 100\)$/m);
    expect(run.stdout).toMatch(/^ {2}--delivery <method> .*\n +\(stream\|sync\|async, default stream\)$/m);
    for (const flag of ['cost', 'usage', 'show-thinking']) expect(run.stdout).toMatch(new RegExp(`^ {2}--no-${flag} +turn --${flag} off$`, 'm'));
    expect(run.stdout).toMatch(/^ {2}--no-stream +same as --delivery sync$/m);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('says the chat shows cost in its footer, and that it asks for it by default', async () => {
    const chat = await runCli(['chat', '--help']);
    expect(chat.stdout).toMatch(/^ {2}--cost +ask for the cost: ask shows it on stderr, chat in\n +the footer \(default on\)$/m);
    expect(chat.stdout).toContain("Each answer's footer shows its tokens and cost");
    const ask = await runCli(['ask', '--help']);
    expect(ask.stdout).toMatch(/chat in\n +the footer \(default off\)$/m);
  });
});

describe('a checkout that was not built', () => {
  it('says to run npm run build, in one line, exit 1', () => {
    for (const dist of [[], ['launch.cjs']]) {
      const run = spawnSync(process.execPath, [checkoutWith(dist), 'ask', 'hi'], {env: cliEnv(tempHome()), encoding: 'utf8', input: ''});
      expect(run.stderr).toBe('gemma: the build is missing (no dist/); run npm run build first\n');
      expect(run.stdout).toBe('');
      expect(run.status).toBe(1);
    }
  });
});

let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

describe.skipIf(!hasTmux())('--help in a 40-column terminal', () => {
  it('puts each description under its flag, wrapped to the width', async () => {
    tmux = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} ask --help`, {cols: 40, rows: 200, env: {...homeEnv(tempHome()), TERM: 'xterm-256color'}});
    const screen = await tmux.waitFor('[exit 0]');
    expect(screen).toContain('\n  --thinking-level <level>\n      depth of reasoning (low|high,\n      default high)\n');
    expect(screen).toContain('\n  --no-cost\n      turn --cost off\n');
    // No line of the options is wider than the terminal (the terminal would break it anywhere).
    const options = screen.slice(screen.indexOf('Options:'), screen.indexOf('Examples:'));
    for (const line of options.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });
});
