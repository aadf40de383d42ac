/** `ask`: `gemma ask hi --no-stream` against the simulator, with and without a code cache. */
import {mkdtempSync} from 'node:fs';
import {join} from 'node:path';
import {alternate, type Context, expectOk, gemma, nodeNothing, PLAN, ratioRow, type Row, type Side} from './bench-kit.js';
import {median} from './bench-support.js';

export async function askRow(ctx: Context): Promise<Row> {
  ctx.sim.reset();
  ctx.sim.setDefault({reasoning: ''});
  const subject: Side = {
    label: 'gemma ask hi --no-stream',
    run: async () =>
      expectOk('gemma ask hi --no-stream', await gemma(ctx, ['ask', 'hi', '--no-stream']), (r) => (r.stdout.startsWith('You said: hi') ? undefined : 'no answer on stdout')),
  };
  const row = ratioRow('ask', '`gemma ask hi --no-stream` (simulator)', '`node -e 0`', 2.2, await alternate(nodeNothing(ctx), subject, PLAN.fastRuns));
  // The timed runs use the code cache the warm-up wrote, as every run after a command's first
  // does. The first run after an install or upgrade compiles from source: say what that costs.
  const cold: number[] = [];
  for (let i = 0; i < Math.min(5, PLAN.fastRuns); i++) {
    const cacheDir = mkdtempSync(join(ctx.root, 'cold-cache-'));
    const run = expectOk('gemma ask hi --no-stream (no code cache)', await gemma(ctx, ['ask', 'hi', '--no-stream'], {env: {...ctx.env, GEMMA_CACHE_DIR: cacheDir}}));
    cold.push(run.ms);
  }
  row.detail += `; first run of the command (no code cache yet, then writes it): median ${median(cold).toFixed(1)} ms of ${cold.length}`;
  return row;
}
