/** `chat`: one piped turn of `gemma chat --no-save` against `node -e 0`. */
import {alternate, type Context, expectOk, gemma, nodeNothing, PLAN, ratioRow, type Row, type Side} from './bench-kit.js';

export async function chatRow(ctx: Context): Promise<Row> {
  ctx.sim.reset();
  ctx.sim.setDefault({reasoning: ''});
  const subject: Side = {
    label: "printf 'hi\\n' | gemma chat --no-save",
    run: async () =>
      expectOk('gemma chat --no-save', await gemma(ctx, ['chat', '--no-save'], {stdin: 'hi\n'}), (r) => (r.stdout.startsWith('You said: hi') ? undefined : 'no answer on stdout')),
  };
  return ratioRow('chat', "one turn of `printf 'hi\\n' \\| gemma chat --no-save`", '`node -e 0`', 3.0, await alternate(nodeNothing(ctx), subject, PLAN.fastRuns));
}
