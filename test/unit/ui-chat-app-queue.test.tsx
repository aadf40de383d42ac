import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {openInputHistory} from '../../src/chat/input-history.js';
import {ChatApp} from '../../src/ui/app.js';
import {FakeChatController} from '../support/fake-chat-controller.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function settle(ms = 50): Promise<void> {
  await turn();
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 3; i++) await turn();
}

function mount(color = false) {
  const controller = new FakeChatController();
  const app = render(
    <ChatApp controller={controller} history={openInputHistory(undefined)} color={color} openEditor={async () => undefined} onExit={vi.fn()} />,
  );
  const frame = () => app.lastFrame() ?? '';
  const lastLine = () => frame().trimEnd().split('\n').at(-1) ?? '';
  const type = async (...chunks: string[]) => {
    for (const chunk of chunks) {
      app.stdin.write(chunk);
      await settle();
    }
  };
  return {controller, app, frame, lastLine, type};
}

beforeEach(() => {
  vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']});
  vi.setSystemTime(new Date('2025-01-01T00:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ChatApp: the empty prompt', () => {
  it('shows how to start until a character is typed, and what Enter does while an answer streams', async () => {
    const {controller, lastLine, type, app} = mount();
    await settle();
    expect(lastLine()).toBe('›  /help for commands · Ctrl-D to exit');
    await type('h');
    expect(lastLine()).toBe('› h');
    await type('\x7f');
    expect(lastLine()).toContain('/help for commands');
    controller.ask('hello');
    await settle();
    expect(lastLine()).toBe('›  Enter queues a message · Esc cancels');
    app.unmount();
  });
});

describe('ChatApp: Enter while an answer streams', () => {
  it('queues the message under the answer and sends it once the answer is done', async () => {
    const {controller, frame, type, app} = mount();
    await type('first', '\r');
    controller.ask('first');
    controller.token('Working on it');
    await settle();
    await type('second', '\r', 'third\x1b\rline two', '\r');
    expect(controller.submitted).toEqual(['first']);
    expect(frame()).toMatch(/Working on it\n\nqueued: second\nqueued: third \(\+1 lines\)\n›  Enter queues/);
    controller.finish();
    await settle();
    expect(controller.submitted).toEqual(['first', 'second', 'third\nline two']);
    expect(frame()).not.toContain('queued:');
    app.unmount();
  });

  it('does not send it when the answer is cancelled, and puts it back in the prompt ahead of the draft', async () => {
    const {controller, frame, lastLine, type, app} = mount();
    await type('first', '\r');
    controller.ask('first');
    controller.token('Partial');
    await settle();
    await type('follow up', '\r', 'draft', '\x1b');
    expect(controller.cancels).toBe(1);
    controller.finish({interrupted: true});
    await settle();
    expect(controller.submitted).toEqual(['first']);
    expect(frame()).not.toContain('queued:');
    expect(frame()).toContain('› follow up\n  draft');
    expect(lastLine()).toBe('queued message not sent (the answer was cancelled); it is back in the prompt');
    await type('\r');
    expect(controller.submitted).toEqual(['first', 'follow up\ndraft']);
    app.unmount();
  });

  it('does not send it when the answer fails', async () => {
    const {controller, frame, type, app} = mount();
    controller.ask('first');
    await settle();
    await type('next', '\r');
    controller.set({live: null});
    await settle();
    // The session clears `live` before it appends how the turn ended: nothing is decided yet.
    expect(frame()).toContain('queued: next');
    controller.append({kind: 'notice', level: 'error', text: 'the service failed', turnFailed: true});
    await settle();
    expect(controller.submitted).toEqual([]);
    expect(frame()).toContain('› next\nqueued message not sent (the answer failed)');
    app.unmount();
  });
});
