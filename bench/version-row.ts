/** `version`: `gemma --version` against `node -e 0`, the floor of any Node program's start. */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {alternate, type Context, expectOk, gemma, nodeNothing, PLAN, ratioRow, ROOT, type Row, type Side} from './bench-kit.js';

export async function versionRow(ctx: Context): Promise<Row> {
  const {version} = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {version: string};
  const subject: Side = {
    label: 'gemma --version',
    run: async () => expectOk('gemma --version', await gemma(ctx, ['--version']), (r) => (r.stdout.trim() === version ? undefined : `expected ${version} on stdout`)),
  };
  return ratioRow('version', '`gemma --version`', '`node -e 0`', 1.6, await alternate(nodeNothing(ctx), subject, PLAN.fastRuns));
}
