/**
 * Peak memory of a long `gemma chat` session in the terminal UI: the real ChatSession, ChatApp
 * (ink, markdown, highlighting) and the real streaming client (src/api/infer.ts) talking HTTP to a
 * Runware endpoint (the simulator), rendered into a fake 100x40 terminal. Reports the process's
 * peak RSS: the kernel's high-water mark (VmHWM) where there is one, and rss sampled every 10 ms.
 *
 * Usage: RUNWARE_BASE_URL=... RUNWARE_API_KEY=... node --import tsx bench/chat-memory.tsx [turns] [--json]
 * (default 300 turns; start `npm run simulator` first for a local endpoint). bench/run.ts runs a
 * bundled copy of this file with plain node, so that tsx's loader does not count.
 */
import {infer} from '../src/api/infer.js';
import {ChatSession} from '../src/chat/chat-session.js';
import {openInputHistory} from '../src/chat/input-history.js';
import {tuneHeapForLongSession} from '../src/cli/tune-heap.js';
import {runChatApp} from '../src/ui/run-chat-app.js';
import {fakeTerminal, isMain, ownPeakRss, printResult, rssSampler} from './bench-support.js';

export interface ChatMemoryOptions {
  turns?: number;
  baseUrl: string;
  apiKey: string;
}

export interface ChatMemory {
  turns: number;
  /** max(VmHWM, sampled): the number to hold against the goal, bytes. */
  peakRss: number;
  /** The kernel's high-water mark (Linux only), bytes. */
  vmHwm?: number;
  /** The largest rss seen by sampling every 10 ms, bytes. */
  sampledPeak: number;
  /** process.memoryUsage() at the end, before unmounting, bytes. */
  finalRss: number;
  finalHeapUsed: number;
  finalHeapTotal: number;
  finalExternal: number;
  /** Characters of answer text the session holds at the end. */
  answerChars: number;
  ms: number;
}

/** Runs `turns` turns of a chat in the terminal UI against `baseUrl`, as a user typing them one after another would. */
export async function measureChatMemory({turns = 300, baseUrl, apiKey}: ChatMemoryOptions): Promise<ChatMemory> {
  const started = Date.now();
  const sampler = rssSampler(10);
  const session = new ChatSession({
    // What `gemma chat` resolves with no flags, env or config: stream, usage and cost on.
    layers: {env: {}, stored: {}, defaults: {includeUsage: true, includeCost: true}},
    flags: new Map(),
    infer,
    connect: (_settings, signal) => ({baseUrl, apiKey, timeoutMs: 60_000, signal}),
  });
  const {stdout, stdin} = fakeTerminal();
  // As `gemma chat` starts the UI (src/cli/run-chat.ts): heap settings, then runChatApp.
  tuneHeapForLongSession();
  const running = runChatApp({controller: session, history: openInputHistory(undefined), stdin, stdout, color: true, editor: undefined});
  try {
    for (let i = 0; i < turns; i++) {
      session.submit(`question ${i}: tell me about item ${i}`);
      await session.idle();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const snapshot = session.getSnapshot();
    const failure = snapshot.entries.find((entry) => entry.kind === 'notice' && entry.level === 'error');
    if (failure?.kind === 'notice') throw new Error(`a turn failed: ${failure.text}`);
    if (snapshot.totals.turns !== turns) throw new Error(`expected ${turns} finished turns, the session has ${snapshot.totals.turns}`);
    const answerChars = snapshot.entries.reduce((sum, entry) => sum + (entry.kind === 'assistant' ? entry.text.length : 0), 0);
    const {rss: finalRss, heapUsed: finalHeapUsed, heapTotal: finalHeapTotal, external: finalExternal} = process.memoryUsage();
    const sampledPeak = sampler.stop();
    const vmHwm = ownPeakRss();
    return {turns, peakRss: Math.max(sampledPeak, vmHwm ?? 0), ...(vmHwm === undefined ? {} : {vmHwm}), sampledPeak, finalRss, finalHeapUsed, finalHeapTotal, finalExternal, answerChars, ms: Date.now() - started};
  } finally {
    sampler.stop();
    session.submit('/exit');
    await running;
  }
}

if (isMain(import.meta.url)) {
  const baseUrl = process.env.RUNWARE_BASE_URL;
  const apiKey = process.env.RUNWARE_API_KEY;
  if (!baseUrl || !apiKey) {
    process.stderr.write('chat-memory: set RUNWARE_BASE_URL and RUNWARE_API_KEY (e.g. from `npm run simulator`)\n');
    process.exit(2);
  }
  const [turns] = process.argv.slice(2).filter((arg) => !arg.startsWith('--')).map(Number);
  const result = await measureChatMemory({turns, baseUrl, apiKey});
  if (process.argv.includes('--json')) printResult(result);
  else process.stdout.write(`chat UI, ${result.turns} turns: peak RSS ${(result.peakRss / 1e6).toFixed(1)} MB (goal <= 150 MB) ${result.peakRss <= 150e6 ? 'PASS' : 'FAIL'}\n`);
  process.exit(0);
}
