/** `memory-plain`: peak RSS of a long piped `gemma chat --no-save`. */
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {type Context, expectOk, GEMMA_BIN, mbList, MEMORY_ANSWER, MEMORY_MARK, NODE, PLAN, type Row, type Run, size, timed, vmHwmOf} from './bench-kit.js';
import {median} from './bench-support.js';

/** One piped session of `turns` lines: its peak RSS, bytes, and the run. */
async function plainSession(ctx: Context, turns: number): Promise<{bytes: number; how: string; run: Run}> {
  const input = Array.from({length: turns}, (_, i) => `question ${i}: tell me about item ${i}\n`).join('');
  const countAnswers = (r: Run) => {
    const answers = r.stdout.length < 65_536 ? r.stdout.split(MEMORY_MARK).length - 1 : turns;
    return answers === turns ? undefined : `${answers} answers on stdout, expected ${turns}`;
  };
  if (existsSync('/usr/bin/time')) {
    const timeFile = join(ctx.root, 'time-peak.txt');
    const run = expectOk('/usr/bin/time gemma chat --no-save', await timed('/usr/bin/time', ['-f', '%M', '-o', timeFile, NODE, GEMMA_BIN, 'chat', '--no-save'], {env: ctx.env, stdin: input, timeoutMs: 600_000}), countAnswers);
    const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
    if (!Number.isFinite(kb) || kb <= 0) throw new Error(`/usr/bin/time wrote no peak: ${readFileSync(timeFile, 'utf8')}`);
    return {bytes: kb * 1024, how: '/usr/bin/time %M', run};
  }
  let peak = 0;
  let poller: NodeJS.Timeout | undefined;
  const run = expectOk(
    'gemma chat --no-save',
    await timed(NODE, [GEMMA_BIN, 'chat', '--no-save'], {
      env: ctx.env,
      stdin: input,
      timeoutMs: 600_000,
      onSpawn: (pid) => {
        poller = setInterval(() => (peak = Math.max(peak, vmHwmOf(pid) ?? 0)), 20);
      },
    }),
    countAnswers,
  );
  clearInterval(poller);
  if (peak === 0) throw new Error('could not read the peak RSS (no /usr/bin/time, no /proc/<pid>/status)');
  return {bytes: peak, how: 'VmHWM polled every 20 ms', run};
}

export async function memoryPlainRow(ctx: Context): Promise<Row> {
  const turns = PLAN.turns;
  const sessions: Array<{bytes: number; how: string; run: Run}> = [];
  for (let i = 0; i < PLAN.memoryRuns; i++) {
    ctx.sim.reset();
    ctx.sim.setDefault({answer: MEMORY_ANSWER, reasoning: ''});
    sessions.push(await plainSession(ctx, turns));
  }
  ctx.sim.reset();
  const peaks = sessions.map((s) => s.bytes);
  const seconds = sessions.reduce((sum, s) => sum + s.run.ms, 0) / 1000 / sessions.length;
  return {
    kind: 'memory',
    key: 'memory-plain',
    label: `peak RSS, ${turns}-turn chat, piped (\`gemma chat --no-save\`, ${turns} stdin lines)`,
    bytes: median(peaks),
    detail: `${sessions.length} sessions, peaks ${mbList(peaks)} MB (${sessions[0]!.how}); ${seconds.toFixed(1)} s per session; ${size(sessions[0]!.run.stdoutBytes)} of answers`,
  };
}
