import {ExitCode, InterruptedError} from '../errors.js';

/**
 * Runs `work` with an AbortSignal that SIGINT (Ctrl-C) and SIGTERM abort. What was printed
 * stays; the caller's error handler exits 130 or 143. A second Ctrl-C exits at once.
 */
export async function withInterrupts<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(ExitCode.interrupted);
    const code = signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted;
    controller.abort(new InterruptedError(signal === 'SIGTERM' ? 'terminated' : 'interrupted', code));
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
