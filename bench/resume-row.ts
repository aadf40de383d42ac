/**
 * `resume`: `gemma chat -c` on a stored 300-turn session, in a real pseudo-terminal (script(1),
 * 100x40): the time from spawn to the prompt being drawn, and the peak RSS of the node process.
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {type Context, GEMMA_BIN, MB, MEMORY_ANSWER, MEMORY_GOAL, NODE, PLAN, QUICK, type Row, spread} from './bench-kit.js';
import {median} from './bench-support.js';


const SESSION_ID = '20260101-000000-bench0resume';
const RUNS = QUICK ? 1 : 5;
const TIME_GOAL_MS = 500;

/** The session file as src/sessions writes it: a session line, then one user and one assistant line per turn. */
function writeSession(dataDir: string, turns: number): void {
  const dir = join(dataDir, 'sessions');
  mkdirSync(dir, {recursive: true, mode: 0o700});
  const at = '2026-01-01T00:00:00.000Z';
  const lines = [JSON.stringify({type: 'session', version: 1, id: SESSION_ID, at})];
  for (let i = 0; i < turns; i++) {
    lines.push(JSON.stringify({type: 'user', text: `question ${i}: tell me about item ${i}`, at}));
    lines.push(JSON.stringify({
      type: 'assistant', text: MEMORY_ANSWER, finishReason: 'stop', interrupted: false,
      usage: {promptTokens: 40 + i, completionTokens: 120}, cost: 0.0001, taskUUID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, at,
    }));
  }
  writeFileSync(join(dir, `${SESSION_ID}.jsonl`), `${lines.join('\n')}\n`, {mode: 0o600});
}

interface ResumeRun {
  promptMs: number;
  peakBytes: number;
}

/**
 * One `gemma chat -c` under script(1) with /usr/bin/time inside: waits for the prompt drawn after
 * the "resumed session" notice, then types Ctrl-D and waits for the exit (time writes the peak).
 */
function resumeOnce(ctx: Context, timeFile: string): Promise<ResumeRun> {
  const inner = `stty cols 100 rows 40; exec /usr/bin/time -f %M -o '${timeFile}' '${NODE}' '${GEMMA_BIN}' chat -c`;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('script', ['-q', '-e', '-c', inner, '/dev/null'], {env: {...ctx.env, TERM: 'xterm-256color'}, stdio: ['pipe', 'pipe', 'pipe']});
    let seen = '';
    let promptMs: number | undefined;
    let stderr = '';
    let leave: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      if (promptMs !== undefined) return;
      // Only the tail matters: the prompt follows the notice, which follows every restored turn.
      seen = (seen + chunk.toString('utf8')).slice(-4096);
      const notice = seen.lastIndexOf('resumed session');
      if (notice >= 0 && seen.indexOf('› ', notice) >= 0) {
        promptMs = Number(process.hrtime.bigint() - started) / 1e6;
        // Ctrl-D once the prompt reads keys: its raw mode is set just after the first frame, and
        // a ^D the terminal still reads in cooked mode would be an end of input, not a key.
        leave = setInterval(() => child.stdin.write('\x04'), 300);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(leave);
      if (promptMs === undefined || code !== 0) {
        reject(new Error(`gemma chat -c: ${promptMs === undefined ? 'no prompt seen' : `exit ${code}`}\n  output tail: ${JSON.stringify(seen.slice(-300))}\n  stderr: ${stderr.slice(0, 300)}`));
        return;
      }
      const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
      if (!Number.isFinite(kb) || kb <= 0) reject(new Error(`/usr/bin/time wrote no peak: ${readFileSync(timeFile, 'utf8')}`));
      else resolve({promptMs, peakBytes: kb * 1024});
    });
  });
}

export async function resumeRow(ctx: Context): Promise<Row> {
  if (!existsSync('/usr/bin/time')) throw new Error('the resume row needs /usr/bin/time (GNU time) for the peak RSS');
  const turns = PLAN.turns;
  const dataDir = ctx.env.GEMMA_DATA_DIR as string;
  const timeFile = join(ctx.root, 'resume-peak.txt');
  const runs: ResumeRun[] = [];
  for (let i = 0; i < PLAN.warmups + RUNS; i++) {
    // Fresh every run: a resumed chat that says nothing leaves the file as it was, but be sure.
    writeSession(dataDir, turns);
    const run = await resumeOnce(ctx, timeFile);
    if (i >= PLAN.warmups) runs.push(run);
  }
  rmSync(join(dataDir, 'sessions', `${SESSION_ID}.jsonl`), {force: true});
  const times = runs.map((r) => r.promptMs);
  const peaks = runs.map((r) => r.peakBytes);
  return {
    kind: 'limit',
    key: 'resume',
    label: `\`gemma chat -c\` on a ${turns}-turn session (100x40 pty): time to prompt`,
    value: median(times),
    unit: 'ms',
    goal: TIME_GOAL_MS,
    detail:
      `time to prompt ${spread(times, 1)} ms; peak RSS median ${(median(peaks) / MB).toFixed(1)} MB ` +
      `(${spread(peaks.map((p) => p / MB), 1)} MB, /usr/bin/time %M; goal ≤ ${MEMORY_GOAL / MB} MB: ${median(peaks) <= MEMORY_GOAL ? 'PASS' : 'FAIL'})`,
  };
}
