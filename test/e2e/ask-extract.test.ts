import {beforeEach, describe, expect, it} from 'vitest';
import {expectOneLine, simEnv, startCli, waitUntil, type Home} from '../faults/helpers.js';
import {cliEnv, runCli, tempHome} from '../support/run-cli.js';
import {runInPty} from '../support/run-in-pty.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();
let home: Home;
beforeEach(() => {
  home = tempHome();
});

const gemma = (args: string[], stdin?: string) => runCli(args, {env: simEnv(sim, home), ...(stdin === undefined ? {} : {stdin})});
const F = '```';
const NO_CODE = 'gemma: warning: no code block in the answer; printed it as it is\n';
const TWO_BLOCKS = `Here you go:\n${F}bash\nls -la *.png\necho "**done**"\n${F}\nThen:\n~~~python\nprint(1)\n~~~\nThat is all.`;

describe('ask -x / --extract-last', () => {
  it('-x prints only the first block, as written (no fences, no info string), and nothing else on stdout', async () => {
    sim.script({answer: TWO_BLOCKS});
    const run = await gemma(['ask', '-x', 'list the pictures']);
    expect(run.stdout).toBe('ls -la *.png\necho "**done**"\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('--extract-last prints the last block; --render always does not render it', async () => {
    sim.script({answer: TWO_BLOCKS});
    const run = await gemma(['ask', '--extract-last', '--render', 'always', 'q']);
    expect(run.stdout).toBe('print(1)\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('no block: the answer as is on stdout, a warning on stderr, exit 0', async () => {
    sim.script({answer: 'There is no **code** here.'});
    const run = await gemma(['ask', '-x', 'q']);
    expect(run.stdout).toBe('There is no **code** here.\n');
    expect(run.stderr).toBe(NO_CODE);
    expect(run.code).toBe(0);
  });

  it('-n 2 -x: one block per result, under the usual separators (an unclosed last fence counts)', async () => {
    // The simulator appends " (variant k)" to each result: inside the still-open block.
    sim.script({answer: `Run:\n${F}sh\necho`});
    const run = await gemma(['ask', '-n', '2', '-x', 'q']);
    expect(run.stdout).toBe('--- result 1 of 2 ---\necho (variant 1)\n\n--- result 2 of 2 ---\necho (variant 2)\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('-n 2 -x, no block in either: each answer as is, one warning naming each result', async () => {
    sim.script({answer: 'plain'});
    const run = await gemma(['ask', '-n', '2', '-x', 'q']);
    expect(run.stdout).toBe('--- result 1 of 2 ---\nplain (variant 1)\n\n--- result 2 of 2 ---\nplain (variant 2)\n');
    expect(run.stderr).toBe('gemma: result 1: warning: no code block in the answer; printed it as it is\ngemma: result 2: warning: no code block in the answer; printed it as it is\n');
  });

  it('--json -x: the object keeps text and gets code; null (and the warning) without a block', async () => {
    sim.script({answer: TWO_BLOCKS}, {answer: 'none'});
    const run = await gemma(['ask', '--json', '-x', 'q']);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(answer.text).toBe(TWO_BLOCKS);
    expect(answer.code).toBe('ls -la *.png\necho "**done**"\n');
    expect(run.stderr).toBe('');
    const last = await gemma(['ask', '--json', '--extract-last', 'q']);
    expect((JSON.parse(last.stdout) as Record<string, unknown>).code).toBeNull();
    expect(last.stderr).toBe(NO_CODE);
    // Without -x the object has no code field at all.
    sim.script({answer: TWO_BLOCKS});
    expect(JSON.parse((await gemma(['ask', '--json', 'q'])).stdout)).not.toHaveProperty('code');
  });

  it('--json -n 2 -x: each object its own code', async () => {
    sim.script({answer: `${F}\necho`});
    const run = await gemma(['ask', '--json', '-n', '2', '-x', 'q']);
    expect((JSON.parse(run.stdout) as Array<{code: string}>).map((r) => r.code)).toEqual(['echo (variant 1)\n', 'echo (variant 2)\n']);
  });

  it('-x streams the block: its first line is out while the answer is still coming (prose dropped)', async () => {
    // Tokens are words: the intro, the fence, one line; then the service goes silent.
    sim.script({answer: `Intro words\n${F}sh\nfirst-line\nsecond-line\n${F}\n`, reasoning: '', fault: 'stall', afterEvents: 4});
    const live = startCli(['ask', '-x', 'q'], {env: simEnv(sim, home), home});
    await waitUntil(() => live.stdout().includes('first-line\n'), 'the first code line on stdout');
    live.child.kill('SIGINT');
    const run = await live.done;
    expect(run.stdout).toBe('first-line\n');
    expect(run.code).toBe(130);
  });

  it('-x and --extract-last together: exit 2, one line, nothing sent', async () => {
    const run = await gemma(['ask', '-x', '--extract-last', 'q']);
    expectOneLine(run.stderr, 'gemma: --extract and --extract-last both given; allowed: one of them');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(sim.tasks()).toHaveLength(0);
  });
});

describe('piped chat -x', () => {
  it('each answer its first block, a blank line apart; an answer without one as is, with a warning', async () => {
    sim.script({answer: `A:\n${F}js\nconsole.log(1)\n${F}\nok`}, {answer: 'no code'}, {answer: `~~~\nx\n~~~`});
    const run = await gemma(['chat', '-x'], 'q1\nq2\nq3\n');
    expect(run.stdout).toBe('console.log(1)\n\nno code\n\nx\n');
    expect(run.stderr).toBe(NO_CODE);
    expect(run.code).toBe(0);
  });

  it('--json -x: each line gets its code', async () => {
    sim.script({answer: `${F}\none\n${F}\n${F}\ntwo\n${F}`}, {answer: 'none'});
    const run = await gemma(['chat', '--json', '--extract-last'], 'q1\nq2\n');
    expect(run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as {code: unknown}).code)).toEqual(['two\n', null]);
    expect(run.stderr).toBe(NO_CODE);
  });

  it('-x and --extract-last together: exit 2, nothing sent', async () => {
    const run = await gemma(['chat', '-x', '--extract-last'], 'q1\n');
    expectOneLine(run.stderr, 'gemma: --extract and --extract-last both given; allowed: one of them');
    expect(run.code).toBe(2);
    expect(sim.tasks()).toHaveLength(0);
  });
});

describe('-x on a terminal', () => {
  const inPty = async (args: string[]) => {
    const env = cliEnv(home, {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey});
    const run = await runInPty(args, env, 60);
    return {output: run.output.replaceAll('\r\n', '\n'), code: run.code};
  };

  it('ask -x prints the code as written: not rendered, not highlighted, its controls made inert', async () => {
    sim.script({answer: `Try:\n${F}bash\necho "**bold**" \u001b[31mred\n${F}\n`});
    const run = await inPty(['ask', '-x', 'q']);
    expect(run.code).toBe(0);
    expect(run.output).toContain('echo "**bold**" ');
    expect(run.output).not.toContain('\u001b[31m');
    expect(run.output).not.toContain(F);
    expect(run.output).not.toContain('Try:');
  });

  it('chat -x with the terminal UI: exit 2, the reason in one line, nothing sent', async () => {
    const run = await inPty(['chat', '-x']);
    expect(run.code).toBe(2);
    expect(run.output).toContain('gemma: --extract and --extract-last are for scripts: send stdout to a pipe or a file');
    expect(sim.tasks()).toHaveLength(0);
  });
});
