import {ExitCode, GemmaError} from '../errors.js';
import {terminalSafe} from '../text/terminal-safe.js';

/**
 * One line on stderr for any failure; the key is scrubbed from it whatever produced it. Messages
 * carry what the server said, so terminal controls in them are shown, never obeyed.
 */
export function formatError(error: unknown, secrets: readonly string[], debug: boolean): {line: string; exitCode: number} {
  let line: string;
  let exitCode: number = ExitCode.failure;
  if (error instanceof GemmaError) {
    line = `gemma: ${error.message}${error.hint ? `; ${error.hint}` : ''}`;
    exitCode = error.exitCode;
  } else {
    const text = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
    line = `gemma: unexpected error: ${text}`;
  }
  for (const secret of secrets) {
    if (secret.length >= 4) line = line.split(secret).join('****');
  }
  return {line: terminalSafe(line), exitCode};
}
