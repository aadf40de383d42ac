import {spawn} from 'node:child_process';
import {GEMMA_BIN} from './run-cli.js';

const quote = (word: string): string => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Runs gemma with `args` in a pseudo-terminal (util-linux `script`): stdin, stdout and stderr
 * are one TTY, so `output` is both streams as the terminal got them. `columns` sets its width
 * (`stty`) when given; `env` is the whole environment. Killed after 15 s.
 */
export function runInPty(args: readonly string[], env: Record<string, string>, columns?: number): Promise<{output: string; code: number | null}> {
  const gemma = [process.execPath, GEMMA_BIN, ...args].map(quote).join(' ');
  const command = columns === undefined ? gemma : `stty cols ${columns} rows 30; exec ${gemma}`;
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {env, stdio: ['pipe', 'pipe', 'pipe']});
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  child.stdin.end();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({output, code});
    });
  });
}
