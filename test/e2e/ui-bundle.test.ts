import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build, type Plugin} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {GEMMA_BIN, homeEnv, tempHome} from '../support/run-cli.js';
import {startSimulator} from '../support/simulator.js';
import {hasTmux, TmuxSession} from '../support/tmux.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const UI_BUNDLE = join(ROOT, 'dist', 'ui', 'run-chat-app.cjs');

/** Runs `script` in a plain node and returns the JSON line it prints. */
function nodeJson(script: string): unknown {
  return JSON.parse(execFileSync(process.execPath, ['-e', script], {encoding: 'utf8', env: {PATH: process.env.PATH}}));
}

describe('the built terminal UI (dist/ui/run-chat-app.cjs)', () => {
  it('loads with a plain require, without fetch: Node never loads its undici', () => {
    const loaded = nodeJson(`
      const ui = require(${JSON.stringify(UI_BUNDLE)});
      console.log(JSON.stringify({runChatApp: typeof ui.runChatApp, undici: process.moduleLoadList.filter((name) => /undici/i.test(name))}));
    `);
    expect(loaded).toEqual({runChatApp: 'function', undici: []});
  });

  it("yoga loaded through the build's sync-yoga plugin lays out as yoga does", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gemma-yoga-'));
    const entry = join(dir, 'layout.mjs');
    writeFileSync(entry, `
      import Yoga, {Direction, FlexDirection} from 'yoga-layout';
      const row = Yoga.Node.create();
      row.setWidth(100);
      row.setFlexDirection(FlexDirection.Row);
      const fixed = Yoga.Node.create();
      fixed.setWidth(30);
      const grow = Yoga.Node.create();
      grow.setFlexGrow(1);
      grow.setHeight(2);
      row.insertChild(fixed, 0);
      row.insertChild(grow, 1);
      row.calculateLayout(undefined, undefined, Direction.LTR);
      console.log(JSON.stringify({grow: grow.getComputedLayout(), rowHeight: row.getComputedHeight()}));
    `);
    const {syncYoga} = (await import(pathToFileURL(join(ROOT, 'scripts', 'ui-build-plugins.mjs')).href)) as {syncYoga: Plugin};
    const outfile = join(dir, 'layout.cjs');
    await build({entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', nodePaths: [join(ROOT, 'node_modules')], plugins: [syncYoga], logLevel: 'silent'});
    const output = execFileSync(process.execPath, [outfile], {encoding: 'utf8'});
    expect(JSON.parse(output)).toEqual({grow: {left: 30, right: 0, top: 0, bottom: 0, width: 70, height: 2}, rowHeight: 2});
  });
});

describe.skipIf(!hasTmux())('the built terminal UI in a real terminal', () => {
  // The build loads marked and highlight.js on first use (scripts/ui-build-plugins.mjs): the
  // first answer must still come out as markdown, its code coloured.
  it('renders the first answer as markdown, with the code block highlighted', async () => {
    const sim = await startSimulator({port: 0, tokenDelayMs: 0});
    const term = TmuxSession.start(`${process.execPath} ${GEMMA_BIN} chat --no-save`, {
      env: {...homeEnv(tempHome()), RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, TERM: 'xterm-256color'},
    });
    try {
      sim.script({answer: 'Some **bold** text.\n\n- one\n- two\n\n```ts\nconst answer = 42;\n```\n', reasoning: ''});
      await term.waitFor('gemma · google:gemma@4-31b');
      term.type('show me');
      term.keys('Enter');
      await term.waitFor('session: 1 turn');
      // -e: with the escape codes, so the colours can be seen.
      const screen = execFileSync('tmux', ['-L', term.name, 'capture-pane', '-p', '-e', '-t', term.name], {encoding: 'utf8'});
      expect(screen).toContain('Some \x1b[1mbold\x1b[0m');
      expect(screen).toContain('•\x1b[39m one');
      // The dim language label above the code; tmux re-sends the background after it.
      expect(screen).toContain('\x1b[2mts\n');
      expect(screen).toMatch(/\x1b\[35m(\x1b\[49m)?const\x1b\[39m answer = \x1b\[33m42\x1b\[39m;/);
      expect(sim.tasks()[0]?.messages).toEqual([{role: 'user', content: 'show me'}]);
    } finally {
      term.kill();
      await sim.close();
    }
  });
});
