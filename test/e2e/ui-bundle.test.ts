import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build, type Plugin} from 'esbuild';
import {describe, expect, it} from 'vitest';

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
