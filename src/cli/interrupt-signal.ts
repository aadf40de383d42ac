import {ExitCode, InterruptedError} from '../errors.js';

/**
 * Runs `work` with an AbortSignal that SIGINT (Ctrl-C) and SIGTERM abort. What was printed
 * stays; the caller's error handler exits 130 or 143. A second signal exits at once: the
 * cleanup the first one started can hang (output stuck behind a paused pager), and the user who
 * presses Ctrl-C again wants out now. It prints the line the cleanup would have printed.
 */
/** How a signal that stopped gemma is reported: its line and exit code (128 + the signal's number). */
export function interruptionFor(signal: NodeJS.Signals): InterruptedError {
  // Only the signals gemma listens for reach here; any other is reported as an interrupt.
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check
  switch (signal) {
    case 'SIGTERM':
      return new InterruptedError('terminated', ExitCode.terminated);
    case 'SIGHUP':
      return new InterruptedError('hung up', ExitCode.hungUp);
    default:
      return new InterruptedError('interrupted', ExitCode.interrupted);
  }
}

export async function withInterrupts<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    const error = interruptionFor(signal);
    if (controller.signal.aborted) {
      process.stderr.write(`gemma: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    controller.abort(error);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } catch (error) {
    // Whatever the core threw on abort, the user's signal decides the exit code.
    if (controller.signal.aborted && controller.signal.reason instanceof InterruptedError) throw controller.signal.reason;
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
