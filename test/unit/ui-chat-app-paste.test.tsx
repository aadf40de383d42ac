import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {openInputHistory} from '../../src/chat/input-history.js';
import {ChatApp} from '../../src/ui/app.js';
import {FakeChatController} from '../support/fake-chat-controller.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
/** Waits (up to 5 s on a loaded machine) until the frame shows what `ready` looks for; the test then asserts. */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !ready(); i++) await tick();
}
const paste = (text: string) => `\x1b[200~${text}\x1b[201~`;
/** ink-testing-library's terminal reports no height; the app then assumes 24 rows. */
const TERMINAL_ROWS = 24;

function mount() {
  const controller = new FakeChatController();
  const app = render(<ChatApp controller={controller} history={openInputHistory(undefined)} color={false} openEditor={async () => undefined} onExit={() => undefined} />);
  // The redrawn part of the screen: everything below the header, which went to the scrollback.
  const live = () => (app.lastFrame() ?? '').split('gemma · google:gemma@4-31b\n').at(-1)!.split('\n');
  const prompt = () => {
    const rows = live();
    return rows.slice(rows.findLastIndex((row) => row.startsWith('› ')));
  };
  return {controller, app, live, prompt};
}

afterEach(() => {
  cleanup();
});

describe('ChatApp with a large paste in the prompt', () => {
  it('gives a large prompt half the screen, the same while an answer streams above it', async () => {
    const {controller, app, live, prompt} = mount();
    await until(() => live().some((row) => row.startsWith('› ')));
    const text = Array.from({length: 3000}, (_, i) => `pasted ${i + 1}`).join('\n');
    app.stdin.write(paste(text));
    await until(() => prompt().at(-1) === '  pasted 3000');
    expect(prompt()[0]).toBe('› … 2,989 more lines above (Ctrl+G: edit in $EDITOR)');
    expect(prompt().at(-1)).toBe('  pasted 3000');
    expect(prompt()).toHaveLength(TERMINAL_ROWS / 2);
    expect(live().length).toBeLessThan(TERMINAL_ROWS);

    // Typing ahead while an answer streams: the answer keeps the rows above the prompt.
    controller.ask('a question');
    controller.token('The answer streams here.');
    await until(() => live().join('\n').includes('The answer streams here.'));
    expect(live().join('\n')).toContain('The answer streams here.');
    expect(prompt()).toHaveLength(TERMINAL_ROWS / 2);
    expect(prompt().at(-1)).toBe('  pasted 3000');
    expect(live().length).toBeLessThan(TERMINAL_ROWS);
    app.stdin.write(' more');
    await until(() => prompt().at(-1) === '  pasted 3000 more');
    expect(prompt().at(-1)).toBe('  pasted 3000 more');

    controller.finish();
    // The finished answer went to the scrollback, with its footer.
    await until(() => live().includes('session: 1 turn'));
    expect(live()).toContain('session: 1 turn');
    expect(prompt()).toHaveLength(TERMINAL_ROWS / 2);
    app.stdin.write('\r');
    await until(() => controller.submitted.length > 0);
    expect(controller.submitted).toEqual([`${text} more`]);
  });
});
