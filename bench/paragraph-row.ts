/**
 * Rows `paragraph` and `paragraph-limit`: an answer that is one long paragraph costs about what
 * the same words in paragraphs cost, and a huge one finishes rendering in seconds (issue 12:
 * ink's measure and wrap, and string-width's Intl.Segmenter, were quadratic in a paragraph).
 *
 * `paragraph` measures CPU ms per token of `gemma chat` in the terminal UI, single paragraph
 * against paragraphs of 40 words, (a) in ink's fake terminal (bench/paragraph-render.tsx, the
 * real ChatApp fed by a scripted infer) and (b) in a real pseudo-terminal: tmux runs the built
 * CLI against a simulator pacing tokens 1 ms apart, and the child's CPU time is read from
 * /proc/<pid>/stat before Enter and once the answer's footer is on the screen. The row shows the
 * worst ratio of the four (two sizes, two terminals); the detail lists them all.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {startSimulator, type Simulator} from '../test/support/simulator.js';
import {hasTmux, TmuxSession} from '../test/support/tmux.js';
import {benchChild, bundleBenchChildren, type Context, GEMMA_BIN, NODE, QUICK, type Row} from './bench-kit.js';
import {median} from './bench-support.js';
import {answerTokens} from './paragraph-answer.js';
import type {ParagraphCost} from './paragraph-render.js';

const RATIO_GOAL = 1.5;
const SIZES = QUICK ? [200] : [2000, 16_000];
const runsFor = (tokens: number): number => (QUICK ? 1 : tokens >= 10_000 ? 2 : 3);
const LIMIT_TOKENS = 40_000;
const LIMIT_GOAL_S = 10;
/** Waiting longer than this for the 40,000-token answer: it counts as frozen. */
const LIMIT_GIVE_UP_S = 180;
const COLUMNS = 100;
const ROWS = 40;

interface Measured {
  where: 'fake terminal' | 'pty';
  tokens: number;
  single: number[];
  paragraphs: number[];
}

const ratioOf = (m: Measured): number => median(m.single) / median(m.paragraphs);

export async function paragraphRow(ctx: Context): Promise<Row> {
  const measured: Measured[] = [];
  const script = await bundleChild(join(ctx.root, 'paragraph-bundle'));
  for (const tokens of SIZES) {
    const {result} = await benchChild<ParagraphCost>('paragraph render bench', script, [String(tokens), String(runsFor(tokens))], ctx.env, ['--expose-gc']);
    measured.push({where: 'fake terminal', tokens, single: result.samplesSingle, paragraphs: result.samplesParagraphs});
  }
  if (hasTmux()) {
    const paced = await startSimulator({port: 0, tokenDelayMs: 1});
    try {
      for (const tokens of SIZES) measured.push(await ptyCost(ctx, paced, tokens));
    } finally {
      await paced.close();
    }
  }
  const worst = measured.reduce((a, b) => (ratioOf(b) > ratioOf(a) ? b : a));
  const list = (values: number[]) => values.map((v) => v.toFixed(4)).join(', ');
  return {
    kind: 'ratio',
    key: 'paragraph',
    label: `CPU per token, one paragraph vs paragraphs of 40 words (worst: ${worst.where}, ${worst.tokens} tokens)`,
    value: median(worst.single),
    baseline: median(worst.paragraphs),
    baselineLabel: 'paragraphs',
    unit: 'ms/token',
    goal: RATIO_GOAL,
    detail:
      measured.map((m) => `${m.where} ${m.tokens} tokens: ratio ${ratioOf(m).toFixed(2)}, one paragraph ${list(m.single)}, paragraphs ${list(m.paragraphs)}`).join('; ') +
      (hasTmux() ? '' : '; no tmux: pty not measured') +
      ' (CPU ms per token)',
  };
}

/** Seconds from Enter to the footer of a 40,000-token single-paragraph answer, in a pty. */
export async function paragraphLimitRow(ctx: Context): Promise<Row> {
  const base = {kind: 'limit' as const, key: 'paragraph-limit', label: `a ${LIMIT_TOKENS.toLocaleString('en')}-token paragraph, Enter to its footer in a pty`, unit: 's', goal: LIMIT_GOAL_S};
  if (QUICK) return {...base, value: 0, detail: 'full run only (skipped with --quick)'};
  if (!hasTmux()) throw new Error('tmux is not installed');
  ctx.sim.reset();
  ctx.sim.setDefault({answer: answerTokens(LIMIT_TOKENS, false).join(''), reasoning: ''});
  const term = startChat(ctx, ctx.sim);
  try {
    await ready(term);
    const started = process.hrtime.bigint();
    term.keys('Enter');
    let finished = true;
    await term.waitFor('session: 1 turn', LIMIT_GIVE_UP_S * 1000).catch(() => (finished = false));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {...base, value: seconds, detail: finished ? `finished in ${seconds.toFixed(1)} s (tokens sent with no delay, ${COLUMNS}x${ROWS} tmux pane)` : `not finished after ${LIMIT_GIVE_UP_S} s`};
  } finally {
    term.kill();
    ctx.sim.reset();
  }
}

/** Alternating pairs (paragraphs, then one paragraph), each in a fresh `gemma chat`, after one warm-up. */
async function ptyCost(ctx: Context, sim: Simulator, tokens: number): Promise<Measured> {
  const m: Measured = {where: 'pty', tokens, single: [], paragraphs: []};
  await ptyRun(ctx, sim, Math.min(tokens, 500), true);
  for (let run = 0; run < runsFor(tokens); run++) {
    m.paragraphs.push(await ptyRun(ctx, sim, tokens, true));
    m.single.push(await ptyRun(ctx, sim, tokens, false));
  }
  return m;
}

async function ptyRun(ctx: Context, sim: Simulator, tokens: number, paragraphs: boolean): Promise<number> {
  sim.reset();
  sim.setDefault({answer: answerTokens(tokens, paragraphs).join(''), reasoning: ''});
  const term = startChat(ctx, sim);
  try {
    const pid = await ready(term);
    const before = cpuTicks(pid);
    term.keys('Enter');
    await term.waitFor('session: 1 turn', 600_000);
    return ((cpuTicks(pid) - before) * 1000) / TICKS_PER_SECOND / tokens;
  } finally {
    term.kill();
  }
}

function startChat(ctx: Context, sim: Simulator): TmuxSession {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(ctx.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, TERM: 'xterm-256color'});
  return TmuxSession.start(`${NODE} ${GEMMA_BIN} chat --no-save`, {cols: COLUMNS, rows: ROWS, env});
}

/** Waits for the prompt, types the question (Enter is left to the caller); the chat's pid. */
async function ready(term: TmuxSession): Promise<number> {
  await term.waitFor('gemma ·', 30_000);
  term.type('the measured question');
  await term.waitFor('the measured question', 10_000);
  const shell = term.panePid();
  const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/).map(Number);
  const pid = children.find((child) => readFileSync(`/proc/${child}/cmdline`, 'utf8').includes(GEMMA_BIN));
  if (pid === undefined) throw new Error(`no gemma process under the tmux pane (pid ${shell})`);
  return pid;
}

/** USER_HZ, which /proc reports CPU times in; 100 on Linux. */
const TICKS_PER_SECOND = 100;

/** utime + stime of `pid`, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function bundleChild(outdir: string): Promise<string> {
  return (await bundleBenchChildren({'paragraph-render': 'bench/paragraph-render.tsx'}, outdir, 'gemma-ui'))['paragraph-render']!;
}
