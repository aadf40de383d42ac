import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {openInputHistory} from '../../src/chat/input-history.js';
import {attachedText} from '../../src/context/attached-text.js';
import {ChatApp} from '../../src/ui/app.js';
import {renderRestored} from '../../src/ui/transcript-restored.js';
import {FakeChatController} from '../support/fake-chat-controller.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
async function settle(): Promise<void> {
  await turn();
  await vi.advanceTimersByTimeAsync(50);
  for (let i = 0; i < 3; i++) await turn();
}

/** 120 lines of 36 characters and a newline: 4,440 ASCII characters, ~1.1k tokens. */
const APP = Array.from({length: 120}, (_, i) => `export const value${String(i).padStart(3, '0')} = 'abcdefghi';`).join('\n') + '\n';

function mount() {
  const controller = new FakeChatController();
  const app = render(<ChatApp controller={controller} history={openInputHistory(undefined)} color={false} openEditor={async () => undefined} onExit={vi.fn()} />);
  return {controller, app, frame: () => app.lastFrame() ?? ''};
}

beforeEach(() => {
  vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']});
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the transcript shows each attachment as one collapsed line (100 columns)', () => {
  it('a /file text file and an image: the message, then one line each; the entry keeps the whole text', async () => {
    expect(APP.split('\n')[0]).toHaveLength(36);
    const {controller, frame, app} = mount();
    await settle();
    const text = attachedText([{name: 'src/app.ts', text: APP}], 'explain this');
    controller.append({kind: 'user', text, files: [{kind: 'file', name: 'src/app.ts', text: APP}, {kind: 'image', name: 'photo.png'}]});
    await settle();
    expect(frame()).toContain('› explain this\n  [file src/app.ts, 120 lines, ~1.1k tokens]\n  [image photo.png]\n');
    expect(frame()).not.toContain('value001');
    app.unmount();
  });

  it('a small file is one line too, and a message of files alone starts with the first line', async () => {
    const {controller, frame, app} = mount();
    await settle();
    controller.append({kind: 'user', text: attachedText([{name: 'notes.md', text: 'one\ntwo\n'}], ''), files: [{kind: 'file', name: 'notes.md', text: 'one\ntwo\n'}]});
    await settle();
    expect(frame()).toContain('› [file notes.md, 2 lines, ~2 tokens]\n');
    expect(frame()).not.toContain('two');
    app.unmount();
  });

  it('a file name with a terminal control is shown inert', async () => {
    const {controller, frame, app} = mount();
    await settle();
    const name = 'evil\u001b[2J.md';
    controller.append({kind: 'user', text: attachedText([{name, text: 'x'}], 'look'), files: [{kind: 'file', name, text: 'x'}]});
    await settle();
    expect(frame()).not.toContain('\u001b[2J');
    expect(frame()).toMatch(/\[file evil.+\[2J\.md, 1 line, ~1 token\]/);
    app.unmount();
  });

  it('a resumed turn with files shows their lines too', () => {
    const text = attachedText([{name: 'src/app.ts', text: APP}], 'explain this');
    const restored = {session: 's'};
    const {text: shown} = renderRestored([
      {kind: 'user', id: 1, text, files: [{kind: 'file', name: 'src/app.ts', text: APP}], restored},
      {kind: 'assistant', id: 2, text: 'Sure.', reasoning: '', finishReason: 'stop', interrupted: false, timing: {totalMs: 0}, restored},
    ], {width: 60, color: false, maxRows: 500});
    expect(shown).toContain('› explain this\n  [file src/app.ts, 120 lines, ~1.1k tokens]\n');
    expect(shown).not.toContain('value001');
  });
});
