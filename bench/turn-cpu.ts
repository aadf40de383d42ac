/** What the in-process render benches (chat-render, paragraph-render) measure: the CPU of one turn. */

/** The part of the chat session a measured turn drives. */
export interface MeasuredChat {
  submit(input: string): void;
  idle(): Promise<void>;
}

/**
 * CPU ms per token of one answer, from submit until it is printed in full, then unmounts the app.
 * With --expose-gc (bench/run.ts passes it), the garbage of what ran before is collected first,
 * not during the measurement.
 */
export async function turnCpuPerToken(session: MeasuredChat, unmount: () => void, tokens: number): Promise<number> {
  (globalThis as {gc?: () => void}).gc?.();
  const before = process.cpuUsage();
  session.submit('the measured question');
  await session.idle();
  // The last throttled frame and the finished answer's render.
  await new Promise((resolve) => setTimeout(resolve, 60));
  const used = process.cpuUsage(before);
  unmount();
  return (used.user + used.system) / 1000 / tokens;
}
