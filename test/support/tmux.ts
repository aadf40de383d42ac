import {execFileSync} from 'node:child_process';

/**
 * Drives a program in a real pseudo-terminal through tmux: type keys, read the screen. Each
 * session runs on a tmux server of its own (`-L`): a server exits with its last session, and a
 * session started on it meanwhile, by the next test or a test file running alongside, fails
 * ("server exited unexpectedly").
 */
export class TmuxSession {
  private constructor(readonly name: string) {}

  static start(command: string, options: {cols?: number; rows?: number; env?: Record<string, string>} = {}): TmuxSession {
    const name = `gemma-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const exports = Object.entries(options.env ?? {}).map(([key, value]) => `export ${key}='${value.replaceAll("'", "'\\''")}';`).join(' ');
    // CI=true makes ink print only the final frame; a person's terminal has no CI variable.
    execFileSync('tmux', ['-L', name, 'new-session', '-d', '-s', name, '-x', String(options.cols ?? 100), '-y', String(options.rows ?? 30),
      `unset CI; ${exports} ${command}; echo "[exit $?]"; sleep 30`]);
    return new TmuxSession(name);
  }

  /** Keys by tmux name (Enter, C-c, Up) or literal text with `literal`. */
  keys(...keys: string[]): void {
    execFileSync('tmux', ['-L', this.name, 'send-keys', '-t', this.name, ...keys]);
  }

  type(text: string): void {
    execFileSync('tmux', ['-L', this.name, 'send-keys', '-t', this.name, '-l', text]);
  }

  /** The visible screen plus scrollback. */
  screen(): string {
    return execFileSync('tmux', ['-L', this.name, 'capture-pane', '-p', '-J', '-S', '-2000', '-t', this.name], {encoding: 'utf8'});
  }

  /** The pid of the pane's shell (the program runs as its child). */
  panePid(): number {
    return Number(execFileSync('tmux', ['-L', this.name, 'display-message', '-p', '-t', this.name, '#{pane_pid}'], {encoding: 'utf8'}).trim());
  }

  /** Waits until the screen shows `pattern`, or until `pattern()` (a condition elsewhere) holds. */
  async waitFor(pattern: RegExp | string | (() => boolean), timeoutMs = 8000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (typeof pattern === 'function' ? pattern() : typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  kill(): void {
    try {
      execFileSync('tmux', ['-L', this.name, 'kill-server'], {stdio: 'ignore'});
    } catch {
      // already gone
    }
  }
}

export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], {stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
}
