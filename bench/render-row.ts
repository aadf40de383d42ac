/** `render`: the chat UI's CPU per token at turn N against turn 1 (bench/chat-render.tsx, in a child). */
import {benchChild, type Context, PLAN, type Row} from './bench-kit.js';
import type {RenderCost} from './chat-render.js';

export async function renderRow(ctx: Context): Promise<Row> {
  const {render} = await ctx.bundle();
  const {result} = await benchChild<RenderCost>('chat render bench', render, [String(PLAN.turns), String(PLAN.renderTokens), String(PLAN.renderRuns)], ctx.env, ['--expose-gc']);
  return {
    kind: 'ratio',
    key: 'render',
    label: `chat UI render cost per token, turn ${result.turns} (${result.tokens}-token answer)`,
    value: result.turnN,
    baseline: result.turn1,
    baselineLabel: 'turn 1',
    unit: 'ms/token',
    goal: 1.2,
    detail: `turn ${result.turns}: ${result.samplesN.map((v) => v.toFixed(4)).join(', ')}; turn 1: ${result.samples1.map((v) => v.toFixed(4)).join(', ')} (CPU ms per token)`,
  };
}
