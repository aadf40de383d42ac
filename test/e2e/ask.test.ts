import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {startSimulator} from '../support/simulator.js';
import {useSimulator} from '../support/use-simulator.js';
import {runCli, type CliOptions} from '../support/run-cli.js';

const sim = useSimulator();

const ask = (args: string[], options: CliOptions = {}) =>
  runCli(['ask', ...args], {...options, env: {RUNWARE_BASE_URL: sim.url, RUNWARE_API_KEY: sim.apiKey, ...options.env}});
const lastTask = (): Record<string, any> => sim.tasks().at(-1) as Record<string, any>;

describe('gemma ask', () => {
  it('streams the answer to stdout and nothing else', async () => {
    sim.script({answer: 'Hello there, friend.'});
    const run = await ask(['hi', '--max-tokens', '200']);
    expect(run.stdout).toBe('Hello there, friend.\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const task = lastTask();
    expect(task.deliveryMethod).toBe('stream');
    expect(task.settings).toEqual({maxTokens: 200});
    expect(task.messages).toEqual([{role: 'user', content: 'hi'}]);
  });

  it('takes the argument as the instruction and piped stdin as the material', async () => {
    const run = await ask(['summarize'], {stdin: 'diff --git a/x b/x\n+added line\n'});
    expect(run.code).toBe(0);
    expect(lastTask().messages).toEqual([{role: 'user', content: 'summarize\n\ndiff --git a/x b/x\n+added line'}]);
  });

  it('reads stdin redirected from a file or /dev/null, not only from a pipe', async () => {
    const notes = join(mkdtempSync(join(tmpdir(), 'gemma-ask-stdin-')), 'notes.md');
    writeFileSync(notes, '# Notes\n\n- café at nine\n');
    expect((await ask(['summarize'], {stdinFile: notes})).code).toBe(0);
    expect(lastTask().messages).toEqual([{role: 'user', content: 'summarize\n\n# Notes\n\n- café at nine'}]);
    expect((await ask(['-'], {stdinFile: notes})).code).toBe(0);
    expect(lastTask().messages[0].content).toBe('# Notes\n\n- café at nine');
    const devNull = await ask(['hi'], {stdinFile: '/dev/null'});
    expect(devNull.code).toBe(0);
    expect(lastTask().messages).toEqual([{role: 'user', content: 'hi'}]);
  });

  it('takes stdin alone as the prompt, with no argument or with "-"', async () => {
    expect((await ask([], {stdin: 'what is 2+2?\n'})).code).toBe(0);
    expect(lastTask().messages[0].content).toBe('what is 2+2?');
    expect((await ask(['-'], {stdin: 'from dash'})).code).toBe(0);
    expect(lastTask().messages[0].content).toBe('from dash');
  });

  it('sends every flag to its place in the request body', async () => {
    const run = await ask([
      'q', '-m', 'google-gemma-4-31b', '-s', 'be brief', '-t', '0.7', '--top-p', '0.9', '--min-p', '0.05',
      '--top-k', '40', '--max-tokens', '64', '--stop', '###', '--stop', 'END', '--frequency-penalty', '0.5',
      '--presence-penalty', '-0.5', '--repetition-penalty', '1.1', '--thinking-level', 'low',
      '--seed', '9223372036854775807', '-n', '2', '--cost', '--usage', '--image', 'https://example.com/a.png',
      '--video', 'https://example.com/v.mp4', '--webhook-url', 'http://127.0.0.1:9/hook',
    ]);
    expect(run.stderr).toContain('usage:');
    expect(run.code).toBe(0);
    const task = lastTask();
    expect(task).toMatchObject({
      taskType: 'textInference', model: 'google:gemma@4-31b', numberResults: 2, includeCost: true, includeUsage: true,
      inputs: {images: ['https://example.com/a.png'], videos: ['https://example.com/v.mp4']}, webhookURL: 'http://127.0.0.1:9/hook',
      settings: {systemPrompt: 'be brief', temperature: 0.7, topP: 0.9, minP: 0.05, topK: 40, maxTokens: 64, stopSequences: ['###', 'END'],
        frequencyPenalty: 0.5, presencePenalty: -0.5, repetitionPenalty: 1.1, thinkingLevel: 'low'},
    });
    expect(task.deliveryMethod).toBeUndefined();
    expect(sim.requests.at(-1)?.rawBody).toContain('"seed":9223372036854775807');
  });

  it('uses sync delivery with --no-stream and async with polling', async () => {
    expect((await ask(['hi', '--no-stream'])).code).toBe(0);
    expect(lastTask().deliveryMethod).toBeUndefined();
    const run = await ask(['hi', '--delivery', 'async']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^You said: hi/);
    expect(sim.tasks().some((task) => task.taskType === 'getResponse')).toBe(true);
  });

  // Every invalid value, for ask and chat, is in test/faults/bad-input.test.ts.

  it('exits 3 with how to set a key when there is none', async () => {
    const run = await ask(['hi'], {env: {RUNWARE_API_KEY: undefined}});
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('no API key');
    expect(run.stderr).toContain('RUNWARE_API_KEY');
    expect(sim.requests).toHaveLength(0);
  });

  it('reports a rejected key without echoing it', async () => {
    const run = await ask(['hi'], {env: {RUNWARE_API_KEY: 'wrong-secret-key-1234'}});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('invalidApiKey');
    expect(run.stderr).toContain('gemma auth login');
    expect(run.stderr + run.stdout).not.toContain('wrong-secret-key-1234');
    expect(sim.requests).toHaveLength(1);
  });

  it('prints several results one after another, clearly separated', async () => {
    const run = await ask(['colour', '-n', '3']);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/^--- result \d of 3 ---$/gm)).toEqual(['--- result 1 of 3 ---', '--- result 2 of 3 ---', '--- result 3 of 3 ---']);
  });

  it('prints one JSON object with --json, and an array for several results', async () => {
    sim.script({answer: 'Four.'});
    const one = await ask(['2+2?', '--json', '--usage', '--cost']);
    expect(one.code).toBe(0);
    const parsed = JSON.parse(one.stdout);
    expect(parsed).toMatchObject({text: 'Four.', finishReason: 'stop', model: 'google:gemma@4-31b'});
    expect(parsed.usage.totalTokens).toBeGreaterThan(0);
    expect(typeof parsed.cost).toBe('number');
    expect(parsed.taskUUID).toBe(lastTask().taskUUID);
    const many = JSON.parse((await ask(['hi', '--json', '-n', '2'])).stdout);
    expect(many).toHaveLength(2);
  });

  it('shows usage, cost and thinking on stderr only', async () => {
    sim.script({answer: 'Yes.', reasoning: 'The user wants a yes.'});
    const run = await ask(['ok?', '--usage', '--cost', '--show-thinking']);
    expect(run.stdout).toBe('Yes.\n');
    expect(run.stderr).toContain('The user wants a yes.');
    expect(run.stderr).toMatch(/usage: \d+ in, \d+ out/);
    expect(run.stderr).toMatch(/cost: \$/);
    const quiet = await ask(['ok?']);
    expect(quiet.stderr).toBe('');
  });

  it('warns when the answer is cut by the token limit', async () => {
    const run = await ask(['tell me a story', '--max-tokens', '3']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split(/\s+/)).toHaveLength(3);
    expect(run.stderr).toContain('finishReason: length');
  });

  it('keeps the text of a stream cut without a final event and warns', async () => {
    sim.script({answer: 'one two three four five', reasoning: '', fault: 'cutStream', afterEvents: 3});
    const run = await ask(['hi']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^one two/);
    expect(run.stderr).toContain('may be cut');
  });

  it('keeps partial text and reports an error that arrives mid-stream', async () => {
    sim.script({answer: 'alpha beta gamma delta', fault: 'midStreamError', afterEvents: 2});
    const run = await ask(['hi']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^alpha beta/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('waits as a 429 Retry-After says, then succeeds', async () => {
    sim.script({status: 429, retryAfter: 1});
    const run = await ask(['hi']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('retrying in 1.0 s');
    expect(sim.requests).toHaveLength(2);
  });

  it('stops on Ctrl-C, keeps what was printed and exits 130', async () => {
    const slow = await startSimulator({port: 0, tokenDelayMs: 50});
    try {
      let sent = false;
      const run = await runCli(['ask', 'hi'], {
        env: {RUNWARE_BASE_URL: slow.url, RUNWARE_API_KEY: slow.apiKey},
        onStdout: (_chunk, child) => {
          if (!sent) child.kill('SIGINT');
          sent = true;
        },
      });
      expect(run.code).toBe(130);
      expect(run.stdout.length).toBeGreaterThan(0);
      expect(run.stdout.length).toBeLessThan(200);
    } finally {
      await slow.close();
    }
  });

  it('never shows the key in --verbose traces', async () => {
    const run = await ask(['hi', '--verbose']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('POST');
    expect(run.stderr).not.toContain(sim.apiKey);
  });
});

describe('gemma ask: protocol fidelity', () => {
  const THOUGHT = {thought: 'The user greets me; keep it short.', answer: 'Hello!', reasoning: ''};

  it('never prints the thought channel on stdout, however the deltas cut its markers', async () => {
    for (const deltaChars of [1, 4, 9]) {
      sim.script({...THOUGHT, deltaChars});
      const run = await ask(['hi']);
      expect(run.stdout, String(deltaChars)).toBe('Hello!\n');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
  });

  it('shows the thought channel on stderr only with --show-thinking, for sync and async text too', async () => {
    for (const delivery of ['stream', 'sync', 'async'] as const) {
      sim.script({...THOUGHT, deltaChars: 3});
      const run = await ask(['hi', '--delivery', delivery, '--show-thinking']);
      expect(run.stdout, delivery).toBe('Hello!\n');
      expect(run.stderr, delivery).toBe('thinking:\nThe user greets me; keep it short.\n\n');
      expect(run.code).toBe(0);
    }
  });

  it('reads usage and cost from an event after the finishReason event', async () => {
    sim.script({answer: 'Counted.', usageAfterFinish: true});
    const run = await ask(['hi', '--usage', '--cost']);
    expect(run.stdout).toBe('Counted.\n');
    expect(run.stderr).toMatch(/^usage: \d+ in, 1 out, \d+ thinking, \d+ total\ncost: \$\S+\n$/);
    expect(run.code).toBe(0);
  });

  it('sends User-Agent: gemma/<version> (node <version>; <platform> <arch>)', async () => {
    const {version} = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string};
    expect((await ask(['hi'])).code).toBe(0);
    expect(sim.requests[0]?.headers['user-agent']).toBe(`gemma/${version} (node ${process.versions.node}; ${process.platform} ${process.arch})`);
  });

  it('-n 2 async, polls listing only finished results: waits for both, prints both', async () => {
    sim.script({listFinishedOnly: true, answer: 'Same.'});
    const run = await ask(['hi', '-n', '2', '--delivery', 'async']);
    expect(run.stdout).toBe('--- result 1 of 2 ---\nSame. (variant 1)\n\n--- result 2 of 2 ---\nSame. (variant 2)\n');
    expect(run.code).toBe(0);
    // One empty poll (pollsUntilDone 1), one with 1 of 2 finished, one with both.
    expect(sim.tasks().filter((task) => task.taskType === 'getResponse')).toHaveLength(3);
  });
});
