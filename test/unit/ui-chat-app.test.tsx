import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {TextInferenceTask} from '../../src/api/types.js';
import type {ChatController} from '../../src/chat/chat-controller.js';
import {ChatSession} from '../../src/chat/chat-session.js';
import {openInputHistory} from '../../src/chat/input-history.js';
import {ApiError} from '../../src/errors.js';
import {ChatApp} from '../../src/ui/app.js';
import {FakeChatController} from '../support/fake-chat-controller.js';

// Date and timers are faked (the throttle and the tickers read them); setImmediate is left real
// because React runs passive effects on it.
const FAKE = {toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] as const};

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Lets the throttle's timer fire (fake time), then React render and run effects (real ticks). */
async function settle(ms = 50): Promise<void> {
  await turn();
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 3; i++) await turn();
}

function mount<C extends ChatController = FakeChatController>(controller: C = new FakeChatController() as unknown as C) {
  const onExit = vi.fn();
  const app = render(
    <ChatApp
      controller={controller}
      history={openInputHistory(undefined)}
      color={false}
      openEditor={async () => undefined}
      onExit={onExit}
    />,
  );
  return {controller, app, onExit, frame: () => app.lastFrame() ?? ''};
}

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

beforeEach(() => {
  vi.useFakeTimers({toFake: [...FAKE.toFake]});
  vi.setSystemTime(new Date('2025-01-01T00:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ChatApp', () => {
  it('prints the header once, a user turn and a rendered answer', async () => {
    const {controller, frame, app} = mount();
    await settle();
    controller.ask('hello there');
    await settle();
    controller.token('This is **bold** and `code`.');
    await settle();
    controller.finish();
    await settle();
    controller.ask('again');
    await settle();
    const out = frame();
    expect(occurrences(out, 'gemma · google:gemma@4-31b')).toBe(1);
    expect(out).toContain('› hello there');
    expect(out).toContain('This is bold and `code`.');
    expect(out).not.toContain('**');
    expect(occurrences(out, 'This is bold')).toBe(1);
    app.unmount();
  });

  it('streams the tail live and prints every paragraph exactly once when done', async () => {
    const {controller, frame, app} = mount();
    controller.ask('tell me');
    await settle();
    const paragraphs = Array.from({length: 6}, (_, i) => `Paragraph number ${i} has some words in it.`);
    const text = paragraphs.join('\n\n');
    for (const word of text.split(/(?<= )/)) {
      controller.token(word);
      await settle(10);
    }
    expect(frame()).toContain('Paragraph number 5 has some words');
    controller.finish();
    await settle();
    const out = frame();
    for (const paragraph of paragraphs) expect(occurrences(out, paragraph)).toBe(1);
    app.unmount();
  });

  it('shows a thinking timer, then a collapsed "thought for" line above the answer', async () => {
    const {controller, frame, app} = mount();
    controller.ask('think');
    await settle();
    controller.think('Let me consider');
    await settle();
    await settle(2100);
    expect(frame()).toMatch(/thinking… 2\.\d s/);
    expect(frame()).not.toContain('Let me consider');
    controller.token('The answer.');
    await settle();
    controller.finish({timing: {totalMs: 4000, thinkingMs: 3200, firstTokenMs: 3300}});
    await settle();
    const out = frame();
    expect(out).not.toContain('thinking…');
    expect(out).toMatch(/thought for [\d.<\s]+s[\s\S]*The answer\./);
    app.unmount();
  });

  it('shows the reasoning itself when showThinking is on', async () => {
    const controller = new FakeChatController();
    controller.set({showThinking: true});
    const {frame, app} = mount(controller);
    controller.ask('think');
    controller.think('Step one, then step two.');
    await settle();
    expect(frame()).toContain('Step one, then step two.');
    controller.finish({timing: {totalMs: 1000, thinkingMs: 900}});
    await settle();
    expect(frame()).toContain('thought for 0.9 s');
    expect(occurrences(frame(), 'Step one, then step two.')).toBe(1);
    app.unmount();
  });

  it('prints a footer with usage, cost, timing and session totals', async () => {
    const {controller, frame, app} = mount();
    controller.ask('hi');
    controller.token('Hello.');
    await settle();
    controller.finish({
      usage: {promptTokens: 12, completionTokens: 340},
      cost: 0.0012,
      timing: {totalMs: 7000, firstTokenMs: 400},
      tokensPerSecond: 52.3,
    });
    await settle();
    expect(frame()).toContain('12 in · 340 out · $0.0012 · first token 0.4 s · 52 tok/s │ session: 1 turn · 352 tokens · $0.0012');
    app.unmount();
  });

  it('marks an interrupted answer and shows notices', async () => {
    const {controller, frame, app} = mount();
    controller.ask('go');
    controller.token('Partial');
    await settle();
    controller.finish({interrupted: true, finishReason: null});
    controller.append({kind: 'notice', level: 'error', text: 'the API refused the request (HTTP 400)'});
    controller.append({kind: 'notice', level: 'warning', text: 'the answer was cut at the token limit'});
    await settle();
    const out = frame();
    expect(out).toMatch(/Partial\n\(interrupted\)/);
    expect(out).toContain('the API refused the request (HTTP 400)');
    expect(out).toContain('the answer was cut at the token limit');
    app.unmount();
  });

  it('counts down a retry', async () => {
    const {controller, frame, app} = mount();
    controller.ask('hi');
    controller.live({phase: 'retrying', retryAt: Date.now() + 3000, retryReason: 'rate limited'});
    await settle();
    expect(frame()).toContain('rate limited — retrying in 3 s (Ctrl-C cancels)');
    await settle(1100);
    expect(frame()).toContain('rate limited — retrying in 2 s (Ctrl-C cancels)');
    app.unmount();
  });

  it('shows a spinner while connecting and exits when the controller asks', async () => {
    const {controller, frame, app, onExit} = mount();
    controller.ask('hi');
    await settle();
    expect(frame()).toMatch(/connecting… /);
    controller.set({exitRequested: true});
    await settle();
    expect(onExit).toHaveBeenCalled();
    app.unmount();
  });

  it('sends Enter to the controller and Ctrl-C to cancel while busy', async () => {
    const {controller, app} = mount();
    await settle();
    app.stdin.write('hello');
    await settle();
    app.stdin.write('\r');
    await settle();
    expect(controller.submitted).toEqual(['hello']);
    controller.ask('hello');
    await settle();
    app.stdin.write('\x03');
    await settle();
    expect(controller.cancels).toBe(1);
    app.unmount();
  });

  it('marks a failed turn as not sent, and Up recalls its text to send again', async () => {
    const sent: TextInferenceTask[] = [];
    const session = new ChatSession({
      layers: {env: {}, stored: {}, defaults: {}},
      flags: new Map(),
      infer: async function* (task) {
        sent.push(structuredClone(task));
        if (sent.length === 1) throw new ApiError('Nope. (invalidParameter)', {status: 400, code: 'invalidParameter'});
        yield {type: 'text', text: 'Fine.', index: 0};
        yield {type: 'done', results: [{taskUUID: task.taskUUID, index: 0, text: '', reasoning: '', finishReason: 'stop'}]};
      },
      connect: (_settings, signal) => ({baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', timeoutMs: 1000, signal}),
    });
    const {frame, app} = mount(session);
    await settle();
    app.stdin.write('first question');
    await settle();
    app.stdin.write('\r');
    await settle();
    await session.idle();
    await settle();
    expect(frame()).toContain('Nope. (invalidParameter)\n(not sent as context; /retry asks it again)');
    app.stdin.write('\x1b[A');
    await settle();
    expect(frame().trimEnd().split('\n').filter((line) => line.startsWith('› ')).at(-1)).toBe('› first question');
    app.stdin.write('\r');
    await settle();
    await session.idle();
    await settle();
    expect(sent.map((task) => task.messages)).toEqual([[{role: 'user', content: 'first question'}], [{role: 'user', content: 'first question'}]]);
    app.unmount();
  });
});
