import {describe, expect, it} from 'vitest';
import {simEnv} from '../faults/helpers.js';
import {runCli, tempHome} from '../support/run-cli.js';
import {useSimulator} from '../support/use-simulator.js';

const sim = useSimulator();

const ask = (args: string[]) => runCli(['ask', ...args], {env: simEnv(sim)});
/** `gemma chat` in plain mode (stdin is a pipe), one turn per line, in a private home. */
const pipedChat = (lines: string[], args: string[] = []) => runCli(['chat', ...args], {stdin: lines.map((line) => `${line}\n`).join(''), env: simEnv(sim, tempHome())});

describe('ask and piped chat print one answer\'s numbers alike', () => {
  it('the same tokens and the same price for the same answer (ask --usage --cost, chat /usage, the same total with thinking)', async () => {
    const answer = 'Forty-two, give or take.';
    sim.script({answer});
    const asked = await ask(['what is the answer?', '--usage', '--cost']);
    sim.script({answer});
    const chatted = await pipedChat(['what is the answer?', '/usage']);
    expect([asked.code, chatted.code]).toEqual([0, 0]);
    expect(asked.stdout).toBe(`${answer}\n`);
    expect(chatted.stdout).toBe(asked.stdout);
    // The simulator charges $0.0000003 a token: a sub-cent price with two significant digits.
    const [usage, cost] = asked.stderr.split('\n');
    const [, promptTokens, completionTokens, thinkingTokens, totalTokens] = /^usage: (\d+) in, (\d+) out, (\d+) thinking, (\d+) total$/.exec(usage ?? '') ?? [];
    // The total counts the thinking: the parts add up to it.
    expect(Number(promptTokens) + Number(completionTokens) + Number(thinkingTokens)).toBe(Number(totalTokens));
    const [, price] = /^cost: (\$0\.0*[1-9]\d)$/.exec(cost ?? '') ?? [];
    expect(price).toBeDefined();
    expect(asked.stderr).toBe(`${usage}\n${cost}\n`);
    // /usage says the footer's session numbers, then the same parts ask printed.
    expect(chatted.stderr).toBe(`session: 1 turn · ${totalTokens} tokens (${thinkingTokens} thinking) · ${price}\ntokens: ${promptTokens} in · ${completionTokens} out · ${thinkingTokens} thinking\n`);
  });

  it('the same separator above each of several results', async () => {
    sim.script({answer: 'Pick me.'});
    const asked = await ask(['hi', '-n', '2', '--no-stream']);
    sim.script({answer: 'Pick me.'});
    const chatted = await pipedChat(['hi'], ['-n', '2', '--no-stream']);
    const separators = (stdout: string): string[] => stdout.split('\n').filter((line) => line.startsWith('---'));
    expect(separators(asked.stdout)).toEqual(['--- result 1 of 2 ---', '--- result 2 of 2 ---']);
    expect(separators(chatted.stdout)).toEqual(separators(asked.stdout));
    expect([asked.stderr, chatted.stderr]).toEqual(['', '']);
  });
});
