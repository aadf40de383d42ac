import {describe, expect, it} from 'vitest';
import {useSimulator} from '../support/use-simulator.js';
import {expectNoTrace, expectSessionIntact, simEnv, startCli, tempHome, waitUntil, type LiveCli} from './helpers.js';

// Every event after the first waits 20 ms; async tasks stay 'processing' for 50 polls.
const sim = useSimulator({tokenDelayMs: 20, pollsUntilDone: 50});

const words = (prefix: string, count: number) => Array.from({length: count}, (_, i) => `${prefix}${i}`).join(' ');
/** 300 tokens at 20 ms: six seconds of streaming, far longer than any test waits. */
const LONG_ANSWER = words('word', 300);
const LONG_REASONING = words('thought', 300);

type Command = 'ask' | 'chat';
type Phase = 'connecting' | 'thinking' | 'streaming' | 'polling';

interface Case {
  /** Extra flags for the command. */
  args: string[];
  /** Set up the simulator. */
  script(): void;
  /** Resolves when the command is in the phase. */
  reached(live: LiveCli): Promise<void>;
}

const PHASES: Record<Phase, Case> = {
  // The request is in, but no response headers ever come.
  connecting: {
    args: [],
    script: () => sim.script({fault: 'stall', afterEvents: 0}),
    reached: async () => {
      await waitUntil(() => sim.requests.length === 1, 'the request to arrive');
      await new Promise((resolve) => setTimeout(resolve, 100));
    },
  },
  // Reasoning streams (300 tokens, six seconds); no answer text yet. With --show-thinking both
  // ask and plain chat print it on stderr as it arrives.
  thinking: {
    args: ['--show-thinking'],
    script: () => sim.script({answer: LONG_ANSWER, reasoning: LONG_REASONING}),
    reached: (live) => waitUntil(() => /thought3\b/.test(live.stderr()), 'some reasoning on stderr'),
  },
  streaming: {
    args: [],
    script: () => sim.script({answer: LONG_ANSWER, reasoning: ''}),
    reached: (live) => waitUntil(() => /word3\b/.test(live.stdout()), 'some answer text on stdout'),
  },
  // Submitted with async delivery; the simulator answers 'processing' to the first 50 polls.
  polling: {
    args: ['--delivery', 'async'],
    script: () => undefined,
    reached: () => waitUntil(() => sim.requests.length >= 2, 'the first getResponse poll'),
  },
};

const SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const;

describe.each(['ask', 'chat'] as const)('gemma %s interrupted', (command: Command) => {
  for (const phase of Object.keys(PHASES) as Phase[]) {
    for (const [signal, exitCode] of SIGNALS) {
      it(`${signal} while ${phase}: stops at once, keeps what arrived, exit ${exitCode}`, async () => {
        const setup = PHASES[phase];
        setup.script();
        const home = tempHome();
        const env = simEnv(sim, home);
        const live =
          command === 'ask'
            ? startCli(['ask', 'hi', ...setup.args], {env, home})
            : startCli(['chat', ...setup.args], {env, home, stdin: 'hi\n'});
        await setup.reached(live);
        const before = live.stdout();
        const signalledAt = Date.now();
        live.child.kill(signal);
        const result = await live.done;

        expect(result.signal).toBeNull();
        expect(result.exitedAt - signalledAt).toBeLessThan(1_000);
        expect(result.code).toBe(exitCode);
        if (command === 'chat') {
          // Checked before the output, so an output failure below does not hide the session's state.
          const shown = await expectSessionIntact(home);
          expect(shown).toMatch(/## You\n\nhi\n/);
        }
        if (phase === 'streaming') {
          // What arrived stays on stdout (at least what we had seen), ending with a newline.
          expect(result.stdout.startsWith(before.trimEnd())).toBe(true);
          expect(result.stdout.endsWith('\n')).toBe(true);
          expect(LONG_ANSWER.startsWith(result.stdout.slice(0, -1))).toBe(true);
          expect(result.stdout.length).toBeLessThan(LONG_ANSWER.length);
        } else {
          expect(result.stdout).toBe('');
        }
        expectNoTrace(result.stderr);
        // One line about the interruption after whatever arrived (reasoning goes to stderr too;
        // plain chat also notes `cancelled` when no answer text had come).
        const afterThinking = phase === 'thinking' ? result.stderr.replace(/^[\s\S]*thought\d+ ?/, '') : result.stderr;
        const gemmaLines = afterThinking.split('\n').filter((line) => line.startsWith('gemma:'));
        expect(gemmaLines).toEqual([signal === 'SIGINT' ? 'gemma: interrupted' : 'gemma: terminated']);
      });
    }
  }
});

describe('gemma ask: a second Ctrl-C', () => {
  it('forces exit 130 while the first one is still cleaning up (stdout not being read)', async () => {
    // One token of 1 MiB: writing it fills the pipe, so the answer waits for a reader (as under
    // a paused pager) and the first SIGINT's cleanup, which must finish that write, cannot end.
    const big = 'x'.repeat(1 << 20);
    sim.script({answer: `${big} ${LONG_ANSWER}`, reasoning: ''});
    // Without the forced exit gemma would wait for a reader for ever: the time-out kill ends it.
    const live = startCli(['ask', 'hi'], {env: simEnv(sim), killAfterMs: 8_000});
    const exited = new Promise((resolve) => live.child.once('exit', resolve));
    const stdout = live.child.stdout!;
    stdout.pause();
    // A paused pipe is read until its buffer is full: then gemma is writing the big token.
    await waitUntil(() => stdout.readableLength >= stdout.readableHighWaterMark, 'the answer to fill the pipe');

    live.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.child.exitCode, 'the first SIGINT alone ended gemma: the test proves nothing').toBeNull();
    live.child.kill('SIGINT');
    // Read again only once gemma has gone: a reader would let the first cleanup finish by itself.
    await exited;
    stdout.resume();
    const result = await live.done;

    expect(result.signal).toBeNull();
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('gemma: interrupted\n');
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(big.startsWith(result.stdout)).toBe(true);
  });

  it('twice in a row on a stalled request: one `interrupted` line, not two, exit 130', async () => {
    sim.script({fault: 'stall', afterEvents: 0});
    const live = startCli(['ask', 'hi'], {env: simEnv(sim)});
    await waitUntil(() => sim.requests.length === 1, 'the request to arrive');
    live.child.kill('SIGINT');
    live.child.kill('SIGINT');
    const result = await live.done;
    expect(result.signal).toBeNull();
    expect(result.code).toBe(130);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('gemma: interrupted\n');
  });
});
