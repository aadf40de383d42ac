import {render} from 'ink-testing-library';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {runChatCommand} from '../../src/chat/chat-commands.js';
import {ChatSession} from '../../src/chat/chat-session.js';
import {openInputHistory} from '../../src/chat/input-history.js';
import {ChatApp} from '../../src/ui/app.js';
import {Transcript} from '../../src/ui/transcript.js';
import {createTranscriptFeed} from '../../src/ui/transcript-feed.js';
import {preludeOf} from '../../src/ui/transcript-prelude.js';
import {RESTORED_ROWS} from '../../src/ui/transcript-restored.js';
import {FakeChatController} from '../support/fake-chat-controller.js';
import {longAnswer, writeStoredSession} from '../support/stored-session.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function settle(ms = 50): Promise<void> {
  await turn();
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 3; i++) await turn();
}

let dataDir: string;
beforeEach(() => {
  vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']});
  dataDir = mkdtempSync(join(tmpdir(), 'gemma-resume-ui-'));
});
afterEach(() => {
  vi.useRealTimers();
});

/** The chat UI on a real session whose /resume reads `dataDir`; `/resume <key>` typed and run. */
async function resumeInApp(key: string, color = false) {
  const session = new ChatSession({
    layers: {env: {}, stored: {}, defaults: {}},
    flags: new Map(),
    infer: async function* () {
      yield* [];
      throw new Error('no request in these tests');
    },
    connect: (_settings, signal) => ({baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'k', timeoutMs: 1000, signal}),
    runCommand: runChatCommand,
    storage: {dataDir, save: false},
  });
  const app = render(<ChatApp controller={session} history={openInputHistory(undefined)} color={color} openEditor={async () => undefined} onExit={() => undefined} />);
  await settle();
  app.stdin.write(`/resume ${key}`);
  await settle();
  app.stdin.write('\r');
  await settle();
  await session.idle();
  await settle();
  return {app, frame: () => app.lastFrame() ?? ''};
}

/** Where each of `parts` is in `text`, asserting they all appear, in this order. */
function expectInOrder(text: string, parts: readonly string[]): void {
  let at = -1;
  for (const part of parts) {
    const next = text.indexOf(part, at + 1);
    expect(next, `${JSON.stringify(part)} after offset ${at}`).toBeGreaterThan(at);
    at = next;
  }
}

describe('/resume in the chat UI', () => {
  it('shows the stored turns in order, rendered, with the failed last turn marked, then the notice', async () => {
    writeStoredSession(dataDir, {
      id: '20260101-000000-aaaaaaaaaaaa',
      name: 'alpha',
      turns: [
        {question: 'first question', answer: 'The **first** answer, with `code`.'},
        {question: 'second question\nover two lines', answer: '```sh\necho second\n```'},
        {question: 'third question', failed: 'Nope.'},
      ],
    });
    const {app, frame} = await resumeInApp('alpha');
    const out = frame();
    expectInOrder(out, [
      'gemma · google:gemma@4-31b',
      '› first question',
      'The first answer, with `code`.',
      '› second question\n  over two lines',
      'echo second',
      '› third question',
      'failed: Nope.',
      '(not sent as context; /retry asks it again)',
      'resumed session alpha: 4 messages will be sent as context',
    ]);
    expect(out).not.toContain('**');
    expect(out).not.toContain('earlier turn');
    // Nothing escapes from a colourless chat: no styling at all.
    expect(out).not.toContain('\x1b[');
    app.unmount();
  });

  it('a long session shows its newest turns within the row budget, under one line counting the earlier ones', async () => {
    const turns = Array.from({length: 60}, (_, n) => ({question: `question ${n}`, answer: longAnswer(n)}));
    writeStoredSession(dataDir, {id: '20260101-000000-bbbbbbbbbbbb', name: 'beta', turns});
    const {app, frame} = await resumeInApp('beta');
    const out = frame();
    const earlier = /… (\d+) earlier turns \(gemma sessions show beta\)/.exec(out);
    expect(earlier).not.toBeNull();
    const hidden = Number(earlier?.[1]);
    expect(hidden).toBeGreaterThan(0);
    expect(hidden).toBeLessThan(60);
    // The header, the count, then exactly the turns from the first one not counted, oldest first.
    expectInOrder(out, ['gemma ·', earlier?.[0] ?? '', `› question ${hidden}\n`, `End of answer ${hidden}.`, '› question 59\n', 'End of answer 59.', 'resumed session beta: 120 messages']);
    expect(out).not.toContain(`› question ${hidden - 1}\n`);
    expect(out).not.toContain(`Answer ${hidden - 1}\n`);
    const shownRows = out.slice(out.indexOf(earlier?.[0] ?? ''), out.indexOf('resumed session beta')).split('\n').length;
    expect(shownRows).toBeLessThanOrEqual(RESTORED_ROWS + 3);
    expect(shownRows).toBeGreaterThan(RESTORED_ROWS - 30);
    app.unmount();
  });

  it('with colour, questions are bold and the count of earlier turns is dim', async () => {
    const turns = Array.from({length: 40}, (_, n) => ({question: `question ${n}`, answer: longAnswer(n)}));
    writeStoredSession(dataDir, {id: '20260101-000000-cccccccccccc', name: 'gamma', turns});
    const {app, frame} = await resumeInApp('gamma', true);
    expect(frame()).toMatch(/\x1b\[2m… \d+ earlier turns \(gemma sessions show gamma\)\x1b\[22m/);
    expect(frame()).toContain('\x1b[1m› question 39\x1b[22m');
    app.unmount();
  });
});

describe('the prelude of gemma chat -c', () => {
  it('is the text <Static> prints for the header and the resumed turns, wrapped at the terminal width', async () => {
    const controller = new FakeChatController('gemma · google:gemma@4-31b · temperature 0.3 · a header longer than the terminal is wide');
    const restored = {session: 'delta'};
    controller.append(
      {kind: 'user', text: 'a question long enough to wrap at forty columns, twice over, at least', restored},
      {kind: 'assistant', text: longAnswer(1, 14), reasoning: '', finishReason: 'stop', interrupted: false, timing: {totalMs: 0}, restored},
      {kind: 'user', text: 'the last one', restored},
      {kind: 'notice', level: 'info', text: 'failed: Nope.', turnFailed: true, restored},
    );
    controller.append({kind: 'notice', level: 'info', text: 'resumed session delta: 2 messages will be sent as context'});
    const items = createTranscriptFeed().update(controller.getSnapshot()).items;
    expect(items.map((item) => item.kind)).toEqual(['header', 'restored', 'notice']);
    const prelude = preludeOf(items, {width: 40, color: false});
    expect(prelude.items).toBe(2);
    const ink = render(<Transcript items={items.slice(0, 2)} width={40} color={false} />);
    await settle();
    // ink's frame of <Static> output ends with the newline it writes after it, as the prelude does.
    expect(prelude.text).toBe(ink.lastFrame());
    expect(prelude.text).toContain('› a question long enough to wrap at\nforty columns, twice over, at least');
    ink.unmount();
  });

  it('shows controls stored in a session as visible text, never as escapes the terminal would obey', () => {
    const controller = new FakeChatController();
    const restored = {session: 'hostile'};
    controller.append(
      {kind: 'user', text: 'retitle \x1b]0;pwned\x07 and clear \x1b[2J', restored},
      {kind: 'assistant', text: 'answer with \x1b[31mred\x1b[0m and a bell \x07', reasoning: '', finishReason: 'stop', interrupted: false, timing: {totalMs: 0}, restored},
    );
    const prelude = preludeOf(createTranscriptFeed().update(controller.getSnapshot()).items, {width: 80, color: false});
    expect(prelude.text).toContain('› retitle ^[]0;pwned^G and clear ^[[2J');
    expect(prelude.text).toContain('answer with');
    expect(prelude.text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  it('is empty for a chat that resumes nothing: <Static> prints its header', () => {
    const items = createTranscriptFeed().update(new FakeChatController().getSnapshot()).items;
    expect(preludeOf(items, {width: 80, color: false})).toEqual({text: '', items: 0});
  });
});
