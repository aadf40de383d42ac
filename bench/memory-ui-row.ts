/** `memory-ui`: peak RSS of a long chat in the terminal UI (bench/chat-memory.tsx, in a child). */
import {benchChild, type Context, MB, mbList, MEMORY_ANSWER, PLAN, type Row} from './bench-kit.js';
import {median} from './bench-support.js';
import type {ChatMemory} from './chat-memory.js';

export async function memoryUiRow(ctx: Context): Promise<Row> {
  const {memory} = await ctx.bundle();
  ctx.sim.reset();
  ctx.sim.setDefault({answer: MEMORY_ANSWER, reasoning: ''});
  const results: ChatMemory[] = [];
  let ms = 0;
  for (let i = 0; i < PLAN.memoryRuns; i++) {
    const {result, run} = await benchChild<ChatMemory>('chat memory bench', memory, [String(PLAN.turns)], ctx.env);
    results.push(result);
    ms += run.ms;
    ctx.sim.reset();
    ctx.sim.setDefault({answer: MEMORY_ANSWER, reasoning: ''});
  }
  ctx.sim.reset();
  const peaks = results.map((r) => r.peakRss);
  const typical = [...results].sort((a, b) => a.peakRss - b.peakRss)[Math.floor(results.length / 2)]!;
  const how = typical.vmHwm === undefined ? 'rss sampled every 10 ms' : 'VmHWM (rss also sampled every 10 ms)';
  return {
    kind: 'memory',
    key: 'memory-ui',
    label: `peak RSS, ${typical.turns}-turn chat in the terminal UI (ink, markdown answers)`,
    bytes: median(peaks),
    detail:
      `${results.length} sessions, peaks ${mbList(peaks)} MB (${how}); in the median one, at the end: rss ${(typical.finalRss / MB).toFixed(1)} MB, ` +
      `heap used ${(typical.finalHeapUsed / MB).toFixed(1)} of ${(typical.finalHeapTotal / MB).toFixed(1)} MB, external ${(typical.finalExternal / MB).toFixed(1)} MB; ` +
      `${(typical.answerChars / 1000).toFixed(0)}k chars of answers; ${(ms / 1000 / results.length).toFixed(1)} s per session`,
  };
}
