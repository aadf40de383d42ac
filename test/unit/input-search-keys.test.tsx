import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {openInputHistory} from '../../src/chat/input-history.js';
import {clearScreenText} from '../../src/ui/transcript-prelude.js';
import {renderPrompt} from '../support/render-prompt.js';

function setup(entries: string[]) {
  const history = openInputHistory(undefined);
  for (const entry of entries) history.add(entry);
  const onClearScreen = vi.fn();
  const prompt = renderPrompt({history, onClearScreen});
  const screen = () => prompt.app.lastFrame() ?? '';
  return {...prompt, screen, onClearScreen};
}

afterEach(() => {
  cleanup();
});

const HISTORY = ['git status please', 'explain rebase', 'write a commit message', 'explain merge', 'hello'];

describe('Ctrl-R: reverse incremental history search', () => {
  it('finds the newest match as the query grows, older ones on Ctrl-R again, and Enter takes it into the prompt unsent', async () => {
    const {type, screen, props} = setup(HISTORY);
    await type('\x12');
    expect(screen()).toBe("(reverse-i-search)'':");
    await type('e', 'x');
    expect(screen()).toBe("(reverse-i-search)'ex': explain merge");
    await type('\x12');
    expect(screen()).toBe("(reverse-i-search)'ex': explain rebase");
    await type('\x12');
    // Nothing older: it says so and keeps the last match.
    expect(screen()).toBe("(failed reverse-i-search)'ex': explain rebase");
    await type('\x7f', '\x7f', 'comm');
    expect(screen()).toBe("(reverse-i-search)'comm': write a commit message");
    await type('\r');
    expect(props.onSubmit).not.toHaveBeenCalled();
    expect(screen()).toBe('› write a commit message');
    await type('\r');
    expect(props.onSubmit).toHaveBeenCalledWith('write a commit message');
  });

  it('says when nothing matches, and Esc or Ctrl-G bring back what was typed before', async () => {
    const {type, screen, props} = setup(HISTORY);
    await type('draft', '\x12', 'zzz');
    expect(screen()).toBe("(failed reverse-i-search)'zzz': draft");
    await type('\x1b');
    expect(screen()).toBe('› draft');
    await type('\x12', 'hel', '\x07');
    expect(screen()).toBe('› draft');
    expect(props.openEditor).not.toHaveBeenCalled();
  });

  it('wraps the label and the match as one text across the whole width, as readline does', async () => {
    const {type, screen, app} = setup(['/save /etc/hosts/x.md', 'hello']);
    Object.defineProperty(app.stdout, 'columns', {value: 40, configurable: true});
    app.stdout.emit('resize');
    await type('\x12', 'hosts');
    expect(screen().split('\n')).toEqual(["(reverse-i-search)'hosts': /save", '/etc/hosts/x.md']);
    // A match that fits stays on the label's row; Enter takes it into the prompt as typed.
    await type('\x7f', '\x7f', '\x7f', '\x7f', '\x7f', 'hel');
    expect(screen()).toBe("(reverse-i-search)'hel': hello");
    await type('\r');
    expect(screen()).toBe('› hello');
  });

  it('takes the match and then acts on an editing key, such as Ctrl-A and typing', async () => {
    const {type, props} = setup(HISTORY);
    await type('\x12', 'status', '\x01', 'do ', '\r');
    expect(props.onSubmit).toHaveBeenCalledWith('do git status please');
  });
});

describe('Ctrl-L', () => {
  it('asks the app to clear the screen and keeps the prompt as it was', async () => {
    const {type, screen, onClearScreen} = setup([]);
    await type('half typed', '\x0c');
    expect(onClearScreen).toHaveBeenCalledTimes(1);
    expect(screen()).toBe('› half typed');
  });

  it('scrolls what is on the screen into the scrollback, then writes the header at the top', () => {
    expect(clearScreenText('gemma · google:gemma@4-31b · temperature 0.2', {width: 30, rows: 4, color: false})).toBe(
      // The header as <Static> prints it: broken between its parts (src/chat/session-header.ts).
      '\n\n\n\n\x1b[Hgemma · google:gemma@4-31b\ntemperature 0.2\n',
    );
  });
});
