import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {InferenceEvent} from '../../src/api/types.js';
import {openInputHistory} from '../../src/chat/input-history.js';
import {ChatSession} from '../../src/chat/chat-session.js';
import type {SettingValue} from '../../src/settings/setting-types.js';
import {ChatApp} from '../../src/ui/app.js';
import {FakeChatController} from '../support/fake-chat-controller.js';

// As in ui-chat-app.test.tsx: the throttle's timers and Date faked, setImmediate real for React.
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
async function settle(ms = 50): Promise<void> {
  await turn();
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 3; i++) await turn();
}

/** The chat at ink-testing-library's width: 100 columns. */
function mount(controller: FakeChatController) {
  const app = render(<ChatApp controller={controller} history={openInputHistory(undefined)} color={false} openEditor={async () => undefined} onExit={() => undefined} />);
  return {app, frame: () => app.lastFrame() ?? ''};
}

const FIRST_BLOCK = 'Use **sorted()** for a new list.';
const LONG_LINE = '- `xs.sort()` sorts in place, returns None, and this item is long enough to wrap at a hundred columns, once';

beforeEach(() => {
  vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']});
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the chat with render never', () => {
  it('shows the answer as its raw text, wrapped, while it streams and once it is finished', async () => {
    const controller = new FakeChatController();
    controller.set({rawAnswers: true});
    const {app, frame} = mount(controller);
    controller.ask('sort?');
    controller.token(`${FIRST_BLOCK}\n\n${LONG_LINE.slice(0, 40)}`);
    await settle();
    // The first block went to the scrollback as it was written; the open one streams raw.
    expect(frame()).toContain(FIRST_BLOCK);
    expect(frame()).toContain(LONG_LINE.slice(0, 40));
    controller.token(LONG_LINE.slice(40));
    controller.finish();
    await settle();
    const rows = frame().split('\n').map((row) => row.trimEnd());
    expect(rows).toContain(FIRST_BLOCK);
    // Wrapped at the width by words, the markers kept: no bullet, no dropped backticks.
    expect(rows).toEqual(expect.arrayContaining(['- `xs.sort()` sorts in place, returns None, and this item is long enough to wrap at a hundred', 'columns, once']));
    expect(frame()).not.toContain('•');
    app.unmount();
  });

  it('/set render never (the snapshot changes) applies to the next answer; the one before stays rendered', async () => {
    const controller = new FakeChatController();
    const {app, frame} = mount(controller);
    controller.ask('one');
    controller.token(FIRST_BLOCK);
    controller.finish();
    await settle();
    expect(frame()).toContain('Use sorted() for a new list.');
    controller.set({rawAnswers: true});
    controller.ask('two');
    controller.token('Then **this** one.');
    controller.finish();
    await settle();
    expect(frame()).toContain('Use sorted() for a new list.');
    expect(frame()).toContain('Then **this** one.');
    app.unmount();
  });
});

describe('the chat session: raw answers follow the render setting', () => {
  const session = (flags: Record<string, SettingValue> = {}) =>
    new ChatSession({
      layers: {env: {}, stored: {}, defaults: {}},
      flags: new Map(Object.entries(flags)),
      infer: async function* (): AsyncGenerator<InferenceEvent> {},
      connect: (_settings, signal) => ({baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', timeoutMs: 1000, signal}),
    });

  it('--raw (render never) starts the chat raw; /set render switches it back and forth', () => {
    expect(session().getSnapshot().rawAnswers).toBe(false);
    expect(session({render: 'always'}).getSnapshot().rawAnswers).toBe(false);
    const chat = session({render: 'never'});
    expect(chat.getSnapshot().rawAnswers).toBe(true);
    chat.setSetting('render', 'auto');
    expect(chat.getSnapshot().rawAnswers).toBe(false);
    chat.setSetting('render', 'never');
    expect(chat.getSnapshot().rawAnswers).toBe(true);
  });
});
