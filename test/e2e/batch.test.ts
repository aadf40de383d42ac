import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliEnv, GEMMA_BIN, runCli, tempHome, type CliOptions, type CliRun} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

const folder = (): string => mkdtempSync(join(tmpdir(), 'gemma-batch-e2e-'));
const env = (): Record<string, string> => ({RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey});
const batch = (args: string[], options: CliOptions = {}): Promise<CliRun> => runCli(['batch', ...args], {...options, env: {...env(), ...options.env}});
/** The input: one JSONL line per prompt, ids q1, q2, ... */
function input(count: number, dir = folder(), extra: (i: number) => Record<string, unknown> = () => ({})): string {
  const path = join(dir, 'in.jsonl');
  writeFileSync(path, Array.from({length: count}, (_, i) => JSON.stringify({id: `q${i + 1}`, prompt: `question number ${i + 1}`, ...extra(i + 1)})).join('\n') + '\n');
  return path;
}
const lines = (text: string): Record<string, any>[] => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, any>);
const idsOf = (text: string): string[] => lines(text).map((line) => String(line.id));
/** The prompts the simulator was sent, in order. */
const prompts = (): string[] => sim.tasks().filter((task) => task.taskType === 'textInference').map((task) => (task.messages as {content: string}[]).at(-1)?.content ?? '');
const sorted = (ids: string[]): string[] => [...ids].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
const range = (count: number): string[] => Array.from({length: count}, (_, i) => `q${i + 1}`);

describe('gemma batch', () => {
  it('writes one JSONL line per item on stdout, the summary on stderr', async () => {
    const run = await batch([input(5), '--delivery', 'sync', '--max-tokens', '20']);
    expect(run.code).toBe(0);
    const results = lines(run.stdout);
    expect(sorted(results.map((line) => line.id))).toEqual(range(5));
    expect(Object.keys(results[0] ?? {})[0]).toBe('id');
    expect(results[0]).toMatchObject({model: expect.any(String), text: expect.any(String), finishReason: expect.any(String), usage: expect.any(Object), cost: expect.any(Number)});
    expect(run.stderr).toMatch(/^gemma: batch: 5 done, 0 failed, 0 skipped; [\d,]+ tokens, \$[\d.]+; [\d.]+ s, [\d.]+ items\/s\n$/);
    expect([...prompts()].sort()).toEqual(range(5).map((id) => `question number ${id.slice(1)}`).sort());
    for (const task of sim.tasks().filter((t) => t.taskType === 'textInference')) expect(task.settings).toMatchObject({maxTokens: 20});
  });

  it('takes a text file, one prompt a line, the line number as id; a line\'s settings over the flags', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'q.txt'), 'first question\n\nsecond question\n');
    const run = await batch([join(dir, 'q.txt'), '--delivery', 'sync', '-t', '0.5']);
    expect(run.code).toBe(0);
    expect(idsOf(run.stdout).sort()).toEqual(['1', '3']);
    const jsonl = input(2, dir, (i) => (i === 2 ? {settings: {temperature: 0.1}, system: 'be brief'} : {}));
    sim.reset();
    expect((await batch([jsonl, '--delivery', 'sync', '-t', '0.5'])).code).toBe(0);
    const bySecond = sim.tasks().find((task) => JSON.stringify(task.messages).includes('number 2')) as Record<string, any>;
    const byFirst = sim.tasks().find((task) => JSON.stringify(task.messages).includes('number 1')) as Record<string, any>;
    expect(bySecond.settings).toMatchObject({temperature: 0.1, systemPrompt: 'be brief'});
    expect(byFirst.settings).toMatchObject({temperature: 0.5});
  });

  it("inlines a line's files before its prompt, as ask -f does; --format text takes a { line as a prompt", async () => {
    const dir = folder();
    writeFileSync(join(dir, 'notes.md'), 'the launch is on friday');
    writeFileSync(join(dir, 'in.jsonl'), '{"id": "f", "prompt": "when is the launch?", "files": ["notes.md"]}\n');
    const run = await batch(['in.jsonl', '--delivery', 'sync', '-q'], {cwd: dir});
    expect(run.code).toBe(0);
    const content = (sim.tasks()[0]?.messages as {content: string}[])[0]?.content ?? '';
    expect(content).toBe('notes.md\n```\nthe launch is on friday\n```\n\nwhen is the launch?');
    sim.reset();
    const text = await batch(['in.jsonl', '--format', 'text', '--delivery', 'sync', '-q'], {cwd: dir});
    expect(text.code).toBe(0);
    expect(idsOf(text.stdout)).toEqual(['1']);
    expect(prompts()).toEqual(['{"id": "f", "prompt": "when is the launch?", "files": ["notes.md"]}']);
  });

  it('sends async by default: many tasks per request, then batched polls', async () => {
    const out = join(folder(), 'out.jsonl');
    const run = await batch([input(6), '-o', out, '--tasks-per-request', '3', '-q'], {timeoutMs: 30_000});
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(sorted(idsOf(readFileSync(out, 'utf8')))).toEqual(range(6));
    const submitted = sim.tasks().filter((task) => task.taskType === 'textInference');
    expect(submitted).toHaveLength(6);
    for (const task of submitted) expect(task.deliveryMethod).toBe('async');
    const bodies = sim.requests.map((request) => request.body as Record<string, unknown>[]);
    const submits = bodies.filter((body) => body.some((task) => task.taskType === 'textInference'));
    expect(submits.map((body) => body.length)).toEqual([3, 3]);
    const polls = bodies.filter((body) => body.every((task) => task.taskType === 'getResponse'));
    expect(polls.some((body) => body.length > 1)).toBe(true);
  });

  it('checks every line before sending anything: exit 2, each problem by line number', async () => {
    const dir = folder();
    const path = join(dir, 'in.jsonl');
    writeFileSync(path, ['{"id": "a", "prompt": "ok"}', '{"id": "a", "prompt": "dup"}', '{"prompt": "x", "settings": {"temprature": 1}}', 'oops', '{"prompt": "y", "files": ["missing.md"]}'].join('\n'));
    const out = join(dir, 'out.jsonl');
    const run = await batch([path, '-o', out], {cwd: dir});
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([
      `gemma: ${path}: 4 problems; nothing was sent:`,
      '  line 2: duplicate id "a" (first on line 1); allowed: each id once',
      '  line 3: settings: unknown setting "temprature"; did you mean temperature?',
      expect.stringMatching(/^ {2}line 4: not JSON \(.*\); allowed: one JSON object a line$/),
      expect.stringMatching(/^ {2}line 5: -f "missing.md": no such file or directory; allowed: /),
      '',
    ]);
    expect(sim.requests).toHaveLength(0);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses bad flags in one line, exit 2, nothing sent', async () => {
    const path = input(1);
    const cases: [string[], string][] = [
      [['-j', '0'], 'gemma: --concurrency: "0" is not allowed; allowed: a whole number from 1 to 64'],
      [['--shard', '3/2'], 'gemma: --shard: "3/2" is not allowed; allowed: K/N with 1 <= K <= N <= 1000, e.g. 1/4'],
      [['--max-cost', 'lots'], 'gemma: --max-cost: "lots" is not allowed; allowed: a number of US dollars above 0, e.g. 2.50'],
      [['--resume'], 'gemma: --resume needs -o <file>: the output file is what is resumed; allowed: -o with it'],
      [['-o', 'x.jsonl', '--resume', '--overwrite'], 'gemma: --overwrite and --resume both given; allowed: one of them'],
      [['--max-cost', '1', '--no-cost'], 'gemma: --max-cost and --no-cost both given: the stop needs the cost of each answer; allowed: one of them'],
      [['-o', path], `gemma: -o ${path} is the input; allowed: another file`],
      [['-o', tmpdir()], `gemma: -o ${tmpdir()} is a folder; allowed: a file to write the results to`],
    ];
    for (const [args, message] of cases) {
      const run = await batch([path, ...args]);
      expect({args, code: run.code, stderr: run.stderr}).toEqual({args, code: 2, stderr: `${message}\n`});
    }
    expect(sim.requests).toHaveLength(0);
  });

  it('--estimate sends nothing and needs no key: items, input tokens, price range', async () => {
    const run = await batch([input(10), '--estimate', '--max-tokens', '100'], {env: {RUNWARE_API_KEY: undefined}});
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'items: 10',
      // "question number N": 17 or 18 characters, 5 tokens, + 5 for the message.
      'input tokens: ~100 (estimated from the text, as ask\'s context check does)',
      'output tokens: 0 to 1,000 (max-tokens per answer)',
      'cost: $0.000012 to $0.00038 (input $0.12 / 1M tokens, output $0.37 / 1M)',
      '',
    ]);
    expect(sim.requests).toHaveLength(0);
  });

  it('--estimate with --resume counts only what would run, and leaves the output as it is', async () => {
    const dir = folder();
    const out = join(dir, 'out.jsonl');
    const kept = '{"id":"q1","text":"a"}\n{"id":"q2","text":"b"}\n{"id":"q3","te';
    writeFileSync(out, kept);
    const resumed = await batch([input(10, dir), '-o', out, '--resume', '--estimate']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.split('\n')[0]).toBe('items: 8 (of 10; 2 already in the output)');
    const whole = await batch([input(10, dir), '-o', out, '--estimate']);
    expect(whole.stdout.split('\n')[0]).toBe('items: 10');
    expect(readFileSync(out, 'utf8')).toBe(kept);
    expect(sim.requests).toHaveLength(0);
  });

  it('--ordered writes in input order although items finish in another', async () => {
    const path = input(4);
    sim.script({match: 'number 1', holdMs: 400});
    const unordered = await batch([path, '--delivery', 'sync', '-j', '4', '-q']);
    expect(unordered.code).toBe(0);
    expect(idsOf(unordered.stdout).at(-1)).toBe('q1');
    sim.script({match: 'number 1', holdMs: 400});
    const ordered = await batch([path, '--delivery', 'sync', '-j', '4', '-q', '--ordered']);
    expect(ordered.code).toBe(0);
    expect(idsOf(ordered.stdout)).toEqual(range(4));
  });

  it('--shard 1/2 and 2/2 split the input, and their outputs together are the whole', async () => {
    const path = input(20);
    const first = await batch([path, '--delivery', 'sync', '--shard', '1/2', '-q']);
    const second = await batch([path, '--delivery', 'sync', '--shard', '2/2', '-q']);
    expect([first.code, second.code]).toEqual([0, 0]);
    const a = idsOf(first.stdout);
    const b = idsOf(second.stdout);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    expect(sorted([...a, ...b])).toEqual(range(20));
    expect(prompts()).toHaveLength(20);
  });
});

describe('gemma batch with an output file', () => {
  it('refuses an existing output without --resume, --retry-failed or --overwrite, and leaves it alone', async () => {
    const dir = folder();
    const out = join(dir, 'out.jsonl');
    writeFileSync(out, '{"id":"q1","text":"kept"}\n');
    const run = await batch([input(2, dir), '-o', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`gemma: -o ${out} exists; allowed: --resume (run the ids it does not hold), --retry-failed (run again those that failed) or --overwrite\n`);
    expect(readFileSync(out, 'utf8')).toBe('{"id":"q1","text":"kept"}\n');
    expect(sim.requests).toHaveLength(0);
  });

  it('--resume runs only the ids without a line; --overwrite runs them all again', async () => {
    const dir = folder();
    const out = join(dir, 'out.jsonl');
    const path = input(4, dir);
    writeFileSync(out, '{"id":"q1","text":"kept"}\n{"id":"q3","text":"kept"}\n{"id":"q4","te');
    const resumed = await batch([path, '-o', out, '--resume', '--delivery', 'sync', '-q']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`gemma: note: ${out} ended in a torn line (14 bytes, a run stopped mid-write); it was removed and its item runs again\n`);
    expect(resumed.stderr).toMatch(/gemma: batch: 2 done, 0 failed, 2 skipped;/);
    expect(prompts().sort()).toEqual(['question number 2', 'question number 4']);
    expect(sorted(idsOf(readFileSync(out, 'utf8')))).toEqual(range(4));
    sim.reset();
    const again = await batch([path, '-o', out, '--overwrite', '--delivery', 'sync', '-q']);
    expect(again.code).toBe(0);
    expect(prompts()).toHaveLength(4);
    expect(sorted(idsOf(readFileSync(out, 'utf8')))).toEqual(range(4));
  });

  it('records a failed item and exits 1; --retry-failed runs only it, leaving one line per id', async () => {
    const dir = folder();
    const out = join(dir, 'out.jsonl');
    const path = input(3, dir);
    sim.script({match: 'number 2', status: 400, code: 'invalidPrompt', message: 'no such thing'});
    const first = await batch([path, '-o', out, '--delivery', 'sync', '-q']);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/gemma: batch: 2 done, 1 failed, 0 skipped;/);
    expect(first.stderr).toContain(`gemma: 1 of 3 items failed; their lines in ${out} hold the error; run them again with --retry-failed\n`);
    const failed = lines(readFileSync(out, 'utf8')).find((line) => line.id === 'q2');
    expect(failed?.error).toMatchObject({code: 'invalidPrompt', exitCode: 1, message: expect.stringContaining('no such thing')});
    sim.reset();
    const retry = await batch([path, '-o', out, '--retry-failed', '--delivery', 'sync', '-q']);
    expect(retry.code).toBe(0);
    expect(prompts()).toEqual(['question number 2']);
    const final = lines(readFileSync(out, 'utf8'));
    expect(sorted(final.map((line) => String(line.id)))).toEqual(range(3));
    expect(final.every((line) => line.error === undefined)).toBe(true);
  });

  it('stops at once on a bad key instead of recording it for every item, leaving them to --resume', async () => {
    const out = join(folder(), 'out.jsonl');
    const run = await batch([input(20), '-o', out, '--delivery', 'sync', '-j', '2', '-q'], {env: {RUNWARE_API_KEY: 'sk-wrong-0000'}});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^gemma: batch: 0 done, 0 failed, 0 skipped;.*\ngemma: .*invalid.*; the batch stopped with 20 of 20 items not run; fix it, then rerun with --resume\n$/is);
    expect(run.stderr).not.toContain('sk-wrong-0000');
    expect(readFileSync(out, 'utf8')).toBe('');
    expect(prompts().length).toBeLessThanOrEqual(4);
  });

  it('--max-cost stops submitting once the reported cost reaches it, and says where', async () => {
    const out = join(folder(), 'out.jsonl');
    const run = await batch([input(10), '-o', out, '--delivery', 'sync', '-j', '1', '--max-cost', '0.000001', '-q']);
    expect(run.code).toBe(1);
    const done = idsOf(readFileSync(out, 'utf8'));
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.length).toBeLessThan(10);
    expect(prompts()).toHaveLength(done.length);
    expect(run.stderr).toMatch(new RegExp(`gemma: stopped at --max-cost \\$0\\.0000010: \\$[\\d.]+ reported after ${done.length} of 10 items; ${10 - done.length} not run; rerun with --resume to run the rest, with a higher --max-cost\\n$`));
  });

  it('prints a plain progress line now and then off a terminal', async () => {
    sim.setDefault({holdMs: 150});
    const run = await batch([input(4), '--delivery', 'sync', '-j', '1'], {env: {GEMMA_BATCH_PROGRESS_MS: '100'}});
    expect(run.code).toBe(0);
    const progress = run.stderr.split('\n').filter((line) => line.startsWith('gemma: batch: ') && line.includes(' finished, '));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toMatch(/^gemma: batch: \d\/4 finished, 0 failed, [01] in flight, [\d.]+ items\/s, [\d,]+ tokens, \$[\d.]+, ETA (\?|\d+ s)$/);
    const quiet = await batch([input(2), '--delivery', 'sync', '-j', '1', '-q'], {env: {GEMMA_BATCH_PROGRESS_MS: '100'}});
    expect(quiet.stderr).not.toContain(' finished, ');
  });
});

/** Spawns gemma batch and calls `whenLines` as the output file grows; resolves at exit. */
function spawnBatch(args: string[], out: string, whenLines: (count: number, child: ReturnType<typeof spawn>) => void): Promise<{code: number | null; signal: NodeJS.Signals | null; stderr: string}> {
  const child = spawn(process.execPath, [GEMMA_BIN, 'batch', ...args], {env: cliEnv(tempHome(), env()), stdio: ['ignore', 'pipe', 'pipe']});
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setInterval(() => {
    if (existsSync(out)) whenLines(readFileSync(out, 'utf8').split('\n').filter(Boolean).length, child);
  }, 20);
  const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearInterval(timer);
      clearTimeout(deadline);
      resolve({code, signal, stderr});
    });
  });
}

describe('gemma batch stopped part way', () => {
  it('kill -9, then --resume: every id exactly once, no finished item requested again', async () => {
    const dir = folder();
    const out = join(dir, 'out.jsonl');
    const path = input(12, dir);
    sim.setDefault({holdMs: 100});
    const killed = await spawnBatch([path, '-o', out, '--delivery', 'sync', '-j', '2', '-q'], out, (count, child) => {
      if (count >= 3) child.kill('SIGKILL');
    });
    expect(killed.signal).toBe('SIGKILL');
    const before = idsOf(readFileSync(out, 'utf8').split('\n').filter((line) => line.endsWith('}')).join('\n'));
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(12);
    sim.reset();
    const resumed = await batch([path, '-o', out, '--resume', '--delivery', 'sync', '-j', '4', '-q']);
    expect(resumed.code).toBe(0);
    const after = idsOf(readFileSync(out, 'utf8'));
    expect(sorted(after)).toEqual(range(12));
    const asked = prompts();
    for (const id of before) expect(asked).not.toContain(`question number ${id.slice(1)}`);
    expect(asked).toHaveLength(12 - before.length);
  });

  it('Ctrl-C: stops submitting, keeps whole lines, exits 130; the rerun resumes', async () => {
    const dir = folder();
    const out = join(dir, 'out.jsonl');
    const path = input(20, dir);
    sim.setDefault({holdMs: 100});
    let sent = false;
    const stopped = await spawnBatch([path, '-o', out, '--delivery', 'sync', '-j', '2', '-q'], out, (count, child) => {
      if (count >= 2 && !sent) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/gemma: batch stopped: \d+ of 20 items not finished; rerun with --resume to run the rest\ngemma: interrupted\n$/);
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const before = idsOf(text);
    expect(before.length).toBeLessThan(20);
    sim.reset();
    sim.setDefault({});
    const resumed = await batch([path, '-o', out, '--resume', '--delivery', 'sync', '-q']);
    expect(resumed.code).toBe(0);
    expect(sorted(idsOf(readFileSync(out, 'utf8')))).toEqual(range(20));
    expect(prompts()).toHaveLength(20 - before.length);
  });

  it('Ctrl-C while stdin is still being read: exit 130, nothing sent, the spooled copy removed', async () => {
    const tmp = folder();
    const child = spawn(process.execPath, [GEMMA_BIN, 'batch', '-', '--delivery', 'sync'], {env: cliEnv(tempHome(), {...env(), TMPDIR: tmp}), stdio: ['pipe', 'pipe', 'pipe']});
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.write('first prompt\n');
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readdirSync(tmp)).toHaveLength(1);
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(stderr).toBe('gemma: interrupted\n');
    expect(readdirSync(tmp)).toEqual([]);
    expect(sim.requests).toHaveLength(0);
  });

  it('reads stdin with -', async () => {
    const run = await batch(['-', '--delivery', 'sync', '-q'], {stdin: 'one\ntwo\n'});
    expect(run.code).toBe(0);
    expect(idsOf(run.stdout).sort()).toEqual(['1', '2']);
  });
});
