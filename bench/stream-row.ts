/** `stream`: a long stream to /dev/null through `gemma ask hi` against `curl -sN` sending the same body. */
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {alternate, type Context, expectOk, gemma, PLAN, ratioRow, type Row, type Run, type Side, size, timed} from './bench-kit.js';
import {longStream, resendLastStream} from './long-stream.js';

export async function streamRow(ctx: Context): Promise<Row> {
  const {tokens, expectedBytes, fullAnswer} = longStream(ctx);

  // One checked run with stdout piped: the whole answer arrives, and we learn the exact request.
  expectOk('gemma ask hi (stream)', await gemma(ctx, ['ask', 'hi'], {stdout: 'pipe'}), fullAnswer);
  const freshBody = resendLastStream(ctx);

  // curl gets the same body byte for byte, but for a fresh taskUUID (the simulator refuses reuse).
  const bodyFile = join(ctx.root, 'stream-body.json');
  const curlArgs = (out: string) => [
    '-sN',
    '-H', `Authorization: Bearer ${ctx.sim.apiKey}`,
    '-H', 'Content-Type: application/json',
    '--data-binary', `@${bodyFile}`,
    ctx.sim.url,
    '-o', out,
    '-w', '%{http_code}',
  ];
  const curl = async (out: string): Promise<Run> => {
    writeFileSync(bodyFile, freshBody());
    return expectOk('curl', await timed('curl', curlArgs(out), {env: ctx.env}), (r) => (r.stdout === '200' ? undefined : `HTTP ${r.stdout}`));
  };
  const curlCopy = join(ctx.root, 'stream-curl.txt');
  await curl(curlCopy);
  const copy = readFileSync(curlCopy, 'utf8');
  if (!copy.endsWith('data: [DONE]\n\n')) throw new Error('curl did not receive the whole stream');
  const streamBytes = Buffer.byteLength(copy);

  const baseline: Side = {label: 'curl -sN', run: () => curl('/dev/null')};
  const subject: Side = {label: 'gemma ask hi', run: async () => expectOk('gemma ask hi (stream)', await gemma(ctx, ['ask', 'hi'], {stdout: 'null'}))};
  const row = ratioRow('stream', `stream of ${tokens.toLocaleString('en-US')} tokens to /dev/null: \`gemma ask hi\``, '`curl -sN`', 1.5, await alternate(baseline, subject, PLAN.streamRuns));
  row.detail += `; ${size(streamBytes)} of SSE, ${size(expectedBytes)} of text`;
  ctx.sim.reset();
  return row;
}
