import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {TranscriptEntry} from '../../src/chat/chat-types.js';
import {openInputHistory} from '../../src/chat/input-history.js';
import {ChatApp} from '../../src/ui/app.js';
import {collapseUserText, MaterialNotes} from '../../src/ui/transcript-collapse.js';
import {renderRestored} from '../../src/ui/transcript-restored.js';
import {FakeChatController} from '../support/fake-chat-controller.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function settle(ms = 50): Promise<void> {
  await turn();
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 3; i++) await turn();
}

function mount(materials?: MaterialNotes) {
  const controller = new FakeChatController();
  const app = render(
    <ChatApp
      controller={controller}
      history={openInputHistory(undefined)}
      color={false}
      openEditor={async () => undefined}
      onExit={vi.fn()}
      {...(materials ? {materials} : {})}
    />,
  );
  return {controller, app, frame: () => app.lastFrame() ?? ''};
}

/** `count` lines of a diff, each 32 characters: 2,231 of them are 73,622 bytes. */
const diff = (count: number): string => Array.from({length: count}, (_, i) => `+ line ${String(i).padStart(5, '0')} of the change......`).join('\n');

beforeEach(() => {
  vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']});
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the transcript collapses large material in a user turn', () => {
  it('shows piped stdin as one line under the instruction; the turn itself is whole', async () => {
    const material = diff(2231);
    const notes = new MaterialNotes();
    notes.note({source: 'stdin', text: `${material}\n`});
    const {controller, frame, app} = mount(notes);
    await settle();
    const first = `review this\n\n${material}`;
    controller.ask(first);
    await settle();
    expect(frame()).toContain('› review this\n  [stdin: 2,231 lines, 74 kB]\n');
    expect(frame()).not.toContain('line 01000');
    expect(controller.getSnapshot().entries[0]).toMatchObject({kind: 'user', text: first});
    app.unmount();
  });

  it('shows a large bracketed paste as `[pasted N lines]` between the words typed around it, and submits every byte', async () => {
    const {controller, frame, app} = mount();
    await settle();
    const pasted = diff(3000);
    for (const chunk of ['look at this: ', `\x1b[200~${pasted}\x1b[201~`, ' what changed?', '\r']) {
      app.stdin.write(chunk);
      await settle();
    }
    const sent = `look at this: ${pasted} what changed?`;
    expect(controller.submitted).toEqual([sent]);
    controller.ask(sent);
    await settle();
    expect(frame()).toContain('› look at this:\n  [pasted 3,000 lines]\n  what changed?\n');
    expect(frame()).not.toContain('line 01500');
    app.unmount();
  });

  it('leaves a small paste and a short typed turn as they are', async () => {
    const {controller, frame, app} = mount();
    await settle();
    for (const chunk of ['\x1b[200~one\ntwo\nthree\x1b[201~', '\r']) {
      app.stdin.write(chunk);
      await settle();
    }
    controller.ask(controller.submitted[0] ?? '');
    await settle();
    expect(frame()).toContain('› one\n  two\n  three\n');
    app.unmount();
  });

  it('collapses a resumed session\'s large turn the same way, naming no source it cannot know', () => {
    const restored = {session: 'old'};
    const entries: TranscriptEntry[] = [
      {kind: 'user', id: 1, text: `review this\n\n${diff(2231)}`, restored},
      {kind: 'assistant', id: 2, text: 'Looks fine.', reasoning: '', finishReason: 'stop', interrupted: false, timing: {totalMs: 0}, restored},
    ];
    const {text} = renderRestored(entries, {width: 60, color: false, maxRows: 500});
    expect(text).toBe('› review this\n  [2,231 lines, 74 kB]\n\nLooks fine.');
  });

  it('collapses past 20 lines or 4 kB, and labels a few long pasted lines with their size', () => {
    const lines = (count: number) => Array.from({length: count}, (_, i) => `l${i}`).join('\n');
    expect(collapseUserText(lines(20))).toEqual([{text: lines(20), collapsed: false}]);
    expect(collapseUserText(lines(21))).toEqual([{text: '[21 lines, 73 B]', collapsed: true}]);
    const minified = 'x'.repeat(5000);
    expect(collapseUserText(`fix ${minified}`, [{source: 'paste', text: minified}])).toEqual([
      {text: 'fix', collapsed: false},
      {text: '[pasted 1 line, 5 kB]', collapsed: true},
    ]);
  });
});
