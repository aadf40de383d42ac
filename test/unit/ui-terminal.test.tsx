import {EventEmitter} from 'node:events';
import {render} from 'ink';
import stringWidth from 'string-width';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {openInputHistory} from '../../src/chat/input-history.js';
import {ChatApp} from '../../src/ui/app.js';
import {FakeChatController} from '../support/fake-chat-controller.js';

// ink reads CI at import and then prints no live region at all; these tests are about that region.
vi.hoisted(() => {
  delete process.env['CI'];
  delete process.env['CONTINUOUS_INTEGRATION'];
});

/**
 * Just enough of a terminal to replay what ink writes outside debug mode: text, newlines, cursor
 * up (which cannot leave the visible screen, as on a real terminal) and erase line. What it holds
 * at the end is what the user's scrollback would hold, so a line drawn twice shows up twice.
 */
class VirtualTerminal extends EventEmitter {
  readonly isTTY = true;
  lines: string[] = [''];
  row = 0;
  col = 0;
  clears = 0;
  /** The tallest live region ink erased, plus one: each erase covers the previous frame and its newline. */
  maxErased = 0;

  constructor(
    public columns: number,
    readonly rows: number,
  ) {
    super();
  }

  write = (chunk: string): boolean => {
    for (const erase of chunk.match(/(?:\x1b\[2K\x1b\[1A)*\x1b\[2K\x1b\[G/g) ?? []) {
      this.maxErased = Math.max(this.maxErased, erase.split('\x1b[2K').length - 1);
    }
    const pattern = /\x1b\[([?\d;]*)([A-Za-z])|\n|\r|[^\x1b\n\r]+/g;
    for (const [token, params = '', command] of chunk.matchAll(pattern)) {
      if (token === '\n') this.newline();
      else if (token === '\r') this.col = 0;
      else if (command === 'A') this.row = Math.max(this.row - Number(params || 1), this.lines.length - this.rows);
      else if (command === 'K') this.lines[this.row] = '';
      else if (command === 'G') this.col = 0;
      else if (command === 'J' || command === 'H') this.clears++;
      else if (command === undefined) this.print(token);
    }
    return true;
  };

  private newline(): void {
    this.row++;
    this.col = 0;
    if (this.row >= this.lines.length) this.lines.push('');
  }

  private print(text: string): void {
    const line = (this.lines[this.row] ?? '').padEnd(this.col);
    this.lines[this.row] = line.slice(0, this.col) + text + line.slice(this.col + text.length);
    this.col += text.length;
  }
}

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  setRawMode(): void {}
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read(): null {
    return null;
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
async function settle(ms = 50): Promise<void> {
  await turn();
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 3; i++) await turn();
}

function mount(columns: number, rows: number) {
  const terminal = new VirtualTerminal(columns, rows);
  const controller = new FakeChatController();
  const instance = render(
    <ChatApp controller={controller} history={openInputHistory(undefined)} color={false} openEditor={async () => undefined} onExit={() => {}} />,
    {stdout: terminal as never, stdin: new FakeStdin() as never, exitOnCtrlC: false, patchConsole: false},
  );
  return {terminal, controller, instance};
}

async function stream(controller: FakeChatController, text: string, chunk = 23): Promise<void> {
  for (let at = 0; at < text.length; at += chunk) {
    controller.token(text.slice(at, at + chunk));
    await settle(7);
  }
}

beforeEach(() => {
  vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']});
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ChatApp on a terminal', () => {
  it('streams a 300-line answer with a live region shorter than the screen and no line twice', async () => {
    const rows = 20;
    const {terminal, controller, instance} = mount(60, rows);
    await settle();
    controller.ask('write a lot');
    await settle();
    const paragraphs = Array.from({length: 50}, (_, p) =>
      Array.from({length: 5}, (_, l) => `line ${p}.${l} of the answer`).join('\n'),
    );
    const code = ['```js', ...Array.from({length: 40}, (_, i) => `const v${i} = ${i};`), '```'].join('\n');
    const long = Array.from({length: 60}, (_, i) => `word${i}`).join(' ');
    const text = [...paragraphs.slice(0, 25), code, long, ...paragraphs.slice(25)].join('\n\n');
    await stream(controller, text);
    controller.finish({usage: {promptTokens: 5, completionTokens: 900}});
    await settle();
    instance.unmount();

    expect(terminal.clears).toBe(0);
    expect(terminal.maxErased).toBeLessThan(rows);
    const screen = terminal.lines.map((line) => line.trimEnd());
    // Soft line breaks join a paragraph's lines, and ink word-wraps them: compare words.
    const words = screen.join(' ').split(/\s+/);
    const expected = [...paragraphs.flatMap((p) => p.split('\n').map((line) => line.split(' ')[1])), ...words.filter((w) => /^word\d/.test(w))];
    for (const word of expected) expect(words.filter((w) => w === word), word).toHaveLength(1);
    // Code is printed line for line, never wrapped by ink.
    for (const line of code.split('\n').slice(1, -1)) expect(screen.filter((s) => s === line), line).toHaveLength(1);
    expect(words.filter((w) => /^word\d+$/.test(w))).toHaveLength(60);
    expect(screen.filter((line) => line.startsWith('5 in · 900 out'))).toHaveLength(1);
  });

  it('streams one long paragraph as rows within the width, every word once and in order', async () => {
    const rows = 20;
    const {terminal, controller, instance} = mount(50, rows);
    await settle();
    controller.ask('one paragraph');
    await settle();
    const words = Array.from({length: 1500}, (_, i) => (i % 9 === 4 ? `café${i}` : i % 13 === 6 ? `日本${i}` : `w${i}`));
    await stream(controller, words.join(' '), 97);
    controller.finish();
    await settle();
    instance.unmount();

    expect(terminal.clears).toBe(0);
    expect(terminal.maxErased).toBeLessThan(rows);
    const screen = terminal.lines.map((line) => line.trimEnd());
    const shown = screen.join(' ').split(/\s+/).filter((word) => /^(w|café|日本)\d+$/.test(word));
    expect(shown).toEqual(words);
    for (const line of screen) expect(stringWidth(line), line).toBeLessThanOrEqual(50);
    // Rows break at a space, which is dropped: no row of the answer starts with one.
    const first = screen.findIndex((line) => line.startsWith('w0 '));
    const answer = screen.slice(first, screen.findIndex((line, index) => index > first && line === ''));
    expect(answer.length).toBeGreaterThan(100);
    for (const line of answer) expect(line.startsWith(' '), line).toBe(false);
  });

  it('wraps the footer at a space that it drops, like the answer above it', async () => {
    // 27 columns: the footer's first row, `12,345 in · 678 out · first`, fills the width exactly,
    // where ink's own wrap would start the next row with the space after it.
    const {terminal, controller, instance} = mount(27, 20);
    await settle();
    controller.ask('q');
    await settle();
    await stream(controller, 'short answer');
    controller.finish({usage: {promptTokens: 12_345, completionTokens: 678, totalTokens: 13_023, cost: 0.00123}, timing: {totalMs: 2000, firstTokenMs: 300}});
    await settle();
    instance.unmount();

    const screen = terminal.lines.map((line) => line.trimEnd());
    const first = screen.findIndex((line) => line.startsWith('12,345 in'));
    const footer = screen.slice(first, screen.findIndex((line, index) => index > first && line === ''));
    expect(footer.length).toBeGreaterThan(1);
    for (const line of footer) {
      expect(line.startsWith(' '), line).toBe(false);
      expect(stringWidth(line)).toBeLessThanOrEqual(27);
    }
  });

  it('wraps the live tail and the finished answer at the new width after a resize', async () => {
    const {terminal, controller, instance} = mount(70, 20);
    await settle();
    controller.ask('one paragraph');
    await settle();
    const words = Array.from({length: 600}, (_, i) => (i % 5 === 2 ? `naïve${i}` : `w${i}`));
    await stream(controller, words.slice(0, 300).join(' '), 61);
    terminal.columns = 40;
    terminal.emit('resize');
    await settle();
    await stream(controller, ` ${words.slice(300).join(' ')}`, 61);
    await settle();
    // The live region, drawn at the new width.
    const live = terminal.lines.slice(-15).map((line) => line.trimEnd());
    expect(live.some((line) => line.endsWith('w599'))).toBe(true);
    for (const line of live) expect(stringWidth(line), line).toBeLessThanOrEqual(40);
    controller.finish();
    await settle();
    instance.unmount();
    const screen = terminal.lines.map((line) => line.trimEnd());
    const first = screen.lastIndexOf(screen.find((line) => line.startsWith('w0 ')) ?? '');
    const answer = screen.slice(first, screen.findIndex((line, index) => index > first && line === ''));
    expect(answer.join(' ').split(' ')).toEqual(words);
    for (const line of answer) expect(stringWidth(line), line).toBeLessThanOrEqual(40);
  });

  it('keeps a second turn below the first, each printed once', async () => {
    const {terminal, controller, instance} = mount(80, 24);
    await settle();
    for (const n of [1, 2]) {
      controller.ask(`question ${n}`);
      await settle();
      await stream(controller, `First paragraph of answer ${n}.\n\nSecond paragraph of answer ${n}.`, 5);
      controller.finish();
      await settle();
    }
    instance.unmount();
    const screen = terminal.lines.map((line) => line.trimEnd()).filter((line) => line !== '');
    const order = ['› question 1', 'First paragraph of answer 1.', 'Second paragraph of answer 1.', '› question 2', 'First paragraph of answer 2.', 'Second paragraph of answer 2.'];
    expect(screen.filter((line) => order.includes(line))).toEqual(order);
  });

  it('shows long reasoning live within the screen, then prints it once above the answer', async () => {
    const rows = 16;
    const {terminal, controller, instance} = mount(70, rows);
    controller.set({showThinking: true});
    await settle();
    controller.ask('think hard');
    await settle();
    const steps = Array.from({length: 80}, (_, i) => `step ${i} of the reasoning`);
    for (const step of steps) {
      controller.think(`${step}\n`);
      await settle(7);
    }
    await stream(controller, 'Done thinking.\n\nHere is the answer.');
    controller.finish({timing: {totalMs: 3000, thinkingMs: 2000}});
    await settle();
    instance.unmount();

    expect(terminal.clears).toBe(0);
    expect(terminal.maxErased).toBeLessThan(rows);
    const screen = terminal.lines.map((line) => line.trimEnd());
    for (const step of steps) expect(screen.filter((line) => line === step), step).toHaveLength(1);
    const thought = screen.findIndex((line) => line.startsWith('thought for'));
    expect(thought).toBeGreaterThan(-1);
    expect(thought).toBeLessThan(screen.indexOf('step 0 of the reasoning'));
    expect(screen.indexOf('step 79 of the reasoning')).toBeLessThan(screen.indexOf('Done thinking.'));
  });
});
