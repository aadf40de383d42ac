import {createElement} from 'react';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import type {InferenceEvent, Usage} from '../../src/api/types.js';
import {openInputHistory} from '../../src/chat/input-history.js';
import {printAnswer} from '../../src/output/answer-printer.js';
import {colorFor, type TextSink} from '../../src/output/terminal.js';
import {terminalSafe} from '../../src/text/terminal-safe.js';
import {ChatApp} from '../../src/ui/app.js';
import {FakeChatController} from '../support/fake-chat-controller.js';
import {cliEnv} from '../support/run-cli.js';
import {runInPty} from '../support/run-in-pty.js';
import {useSimulator} from '../support/use-simulator.js';
import {runCli, sessionFiles, simEnv, tempHome, waitUntil, type Env, type Home} from './helpers.js';

const sim = useSimulator();

/** What a hostile server (or an edited session file) can put in any text it sends. */
const TITLE = '\u001b]0;pwned\u0007';
const CLIPBOARD = '\u001b]52;c;cHduZWQ=\u0007';
const CLEAR = '\u001b[2J';
const DSR = '\u001b[6n';
const C1_CSI = '\u009b31m';
const BIDI = '\u202e';
const BEL = '\u0007';
const HOSTILE = `pwned ${TITLE} title ${CLIPBOARD} clip ${CLEAR} clear ${DSR} dsr ${C1_CSI} c1 ${BIDI}bidi ${BEL} bel end`;
/** How the title sequence reads once made visible (caret notation; docs/errors.md). */
const TITLE_SHOWN = '^[]0;pwned^G';

/** Everything a terminal would obey rather than show, apart from newline, tab and CR. */
const OBEYED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** The text drives nothing: no ESC, BEL, C1 or bidi control is left in it. */
function expectInert(text: string): void {
  expect(text).not.toMatch(OBEYED);
}

/** Plain output, so that any ESC on the terminal can only have come from the server. */
const PLAIN = {NO_COLOR: '1', TERM: 'dumb'};

/** Runs gemma in a pseudo-terminal: stdin, stdout and stderr are all a TTY. */
const runInTerminal = (args: string[], env: Env) => runInPty(args, cliEnv(tempHome(), {...env, ...PLAIN}));

describe('terminalSafe: one readable form for every control', () => {
  it('shows C0 and DEL in caret notation, C1 and bidi as <U+XXXX>; keeps newline, tab and CRLF', () => {
    expect(terminalSafe(`${TITLE}|${DSR}|\u007f|${C1_CSI}|${BIDI}x\u2069|\u0000`)).toBe('^[]0;pwned^G|^[[6n|^?|<U+009B>31m|<U+202E>x<U+2069>|^@');
    expect(terminalSafe('a\tb\nc\r\nd\re')).toBe('a\tb\nc\r\nd^Me');
    expect(terminalSafe('café — 東京 ✓')).toBe('café — 東京 ✓');
  });
});

describe('gemma ask: what the server sends never controls the terminal', () => {
  it('on a terminal, the answer and the reasoning show the controls instead of obeying them', async () => {
    sim.script({answer: HOSTILE, reasoning: HOSTILE});
    const result = await runInTerminal(['ask', 'hi', '--show-thinking'], simEnv(sim));
    expect(result.code).toBe(0);
    expectInert(result.output);
    expect(result.output.split(TITLE_SHOWN)).toHaveLength(3);
  });

  it('to a pipe, the answer keeps its bytes exactly on stdout; the reasoning on stderr is cleaned', async () => {
    sim.script({answer: HOSTILE, reasoning: HOSTILE});
    const result = await runCli(['ask', 'hi', '--show-thinking'], {env: simEnv(sim)});
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${HOSTILE}\n`);
    expectInert(result.stderr);
    expect(result.stderr).toContain(TITLE_SHOWN);
  });

  it('--json escapes C1 and bidi controls as \\u escapes too: the same strings, nothing a terminal obeys', async () => {
    sim.script({answer: HOSTILE, reasoning: HOSTILE});
    const result = await runCli(['ask', 'hi', '--json'], {env: simEnv(sim)});
    expect(result.code).toBe(0);
    expectInert(result.stdout);
    expect(JSON.parse(result.stdout)).toMatchObject({text: HOSTILE, reasoning: HOSTILE});
  });

  it.each([
    {when: 'rejected before answering', script: {code: 'invalidThing', message: HOSTILE}},
    {when: 'failed mid-stream', script: {fault: 'midStreamError', afterEvents: 2, message: HOSTILE}},
  ] as const)('the error line of a request $when shows the server message inert', async ({script}) => {
    sim.script(script);
    const result = await runCli(['ask', 'hi'], {env: simEnv(sim)});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^gemma: /);
    expect(result.stderr).toContain(TITLE_SHOWN);
    expectInert(result.stderr);
  });

  it('--verbose: the retry note and the trace line quote the server message inert', async () => {
    sim.script({status: 503, message: HOSTILE, retryAfter: 0});
    const result = await runCli(['ask', 'hi', '--verbose'], {env: simEnv(sim)});
    expect(result.code).toBe(0);
    expect(result.stderr.split(TITLE_SHOWN).length - 1).toBeGreaterThanOrEqual(2);
    expectInert(result.stderr);
  });

  it('usage fields as the server sent them (unchecked) are cleaned in the usage line', async () => {
    const usage = {promptTokens: HOSTILE, completionTokens: 3, totalTokens: 4} as unknown as Usage;
    async function* events(): AsyncGenerator<InferenceEvent> {
      yield {type: 'text', text: 'ok', index: 0};
      yield {type: 'done', results: [{taskUUID: 't', index: 0, text: 'ok', reasoning: '', finishReason: 'stop', usage}]};
    }
    const sink = (): TextSink & {text: string} => ({text: '', write(chunk) { this.text += chunk; return true; }, once: () => undefined});
    const stdout = sink();
    const stderr = sink();
    await printAnswer(events(), {stdout, stderr, color: colorFor(stderr, {}), json: false, showThinking: false, model: 'm', numberResults: 1, taskUUID: 't'});
    expect(stdout.text).toBe('ok\n');
    expect(stderr.text).toContain(`usage: pwned ${TITLE_SHOWN}`);
    expectInert(stderr.text);
  });
});

describe('plain chat: answers keep their bytes on a pipe, stderr is cleaned', () => {
  it('reasoning and error notices on stderr show the controls; the answer on stdout is unchanged', async () => {
    sim.script({answer: HOSTILE, reasoning: HOSTILE}, {code: 'invalidThing', message: HOSTILE});
    const result = await runCli(['chat', '--show-thinking'], {env: simEnv(sim), stdin: 'first\nsecond\n'});
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${HOSTILE}\n`);
    expectInert(result.stderr);
    expect(result.stderr.split(TITLE_SHOWN)).toHaveLength(3);
  });
});

describe('chat UI: reasoning, notices, footer and header show the controls', () => {
  it('leaves nothing a terminal obeys in the frame', async () => {
    const controller = new FakeChatController(`gemma · ${HOSTILE}`);
    const app = render(createElement(ChatApp, {controller, history: openInputHistory(undefined), color: false, openEditor: async () => undefined, onExit: () => undefined}));
    const frames = (): string => app.frames.join('\n');
    try {
      controller.set({showThinking: true});
      controller.ask('hi');
      controller.live({phase: 'retrying', retryAt: Date.now() + 5_000, retryReason: `server said ${HOSTILE}`});
      await waitUntil(() => frames().includes('retrying in'), 'the retry line');
      controller.think(HOSTILE);
      await waitUntil(() => frames().includes('thinking…'), 'the live reasoning');
      controller.token('the answer');
      controller.finish({usage: {promptTokens: HOSTILE as unknown as number, completionTokens: 2, totalTokens: 3}});
      controller.append({kind: 'notice', level: 'error', text: `the server said: ${HOSTILE}`});
      await waitUntil(() => frames().includes('the server said'), 'the notice');
      const all = frames();
      expect(all).toContain('the answer');
      // header, retry line, live reasoning, thought summary, footer and notice: six places.
      expect(all.split(TITLE_SHOWN).length - 1).toBeGreaterThanOrEqual(6);
      expectInert(all);
    } finally {
      app.unmount();
    }
  });
});

describe('gemma sessions: a stored hostile answer is shown inert, exported exactly', () => {
  /** A session whose prompt and answer both carry the hostile text. */
  async function hostileSession(): Promise<{home: Home; id: string}> {
    const home = tempHome();
    sim.script({answer: HOSTILE, reasoning: ''});
    const chat = await runCli(['chat'], {env: simEnv(sim, home), stdin: `${HOSTILE}\n`});
    expect(chat.code).toBe(0);
    const [file] = sessionFiles(home);
    return {home, id: file!.replace(/\.jsonl$/, '')};
  }

  it('list, show and search on a terminal show the controls instead of obeying them', async () => {
    const {home, id} = await hostileSession();
    for (const args of [['sessions', 'list'], ['sessions', 'show', id], ['sessions', 'search', 'pwned']]) {
      const result = await runInTerminal(args, simEnv(sim, home));
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.output, args.join(' ')).toContain(TITLE_SHOWN);
      expectInert(result.output);
    }
  });

  it('show to a pipe is cleaned too (it is for reading); export keeps the stored bytes', async () => {
    const {home, id} = await hostileSession();
    const show = await runCli(['sessions', 'show', id], {env: simEnv(sim, home)});
    expect(show.code).toBe(0);
    expectInert(show.stdout);
    expect(show.stdout).toContain(TITLE_SHOWN);
    const exported = await runCli(['sessions', 'export', id], {env: simEnv(sim, home)});
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`## Gemma\n\n${HOSTILE}\n`);
  });
});
