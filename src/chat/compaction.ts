import {redact, redactKey} from '../api/redact.js';
import type {ChatMessage, InferenceEvent, TextInferenceTask, Usage} from '../api/types.js';
import {stripThoughts} from '../api/wire/thought-channel.js';
import {estimateMessages, formatTokens} from '../context/estimate-request.js';
import {ExitCode, GemmaError, InterruptedError} from '../errors.js';
import {isSummary, summaryMessages} from '../sessions/summary-messages.js';
import {compactionPrompt} from './compaction-prompt.js';

/** The conversation cut in two: the older turns summarized, the newest kept verbatim. */
export interface CompactionPlan {
  older: ChatMessage[];
  kept: ChatMessage[];
}

export const NOTHING_TO_COMPACT = 'nothing to compact: the conversation is only its newest turns (the last two exchanges, and more while they fit 30% of the window), which stay as they are';

/** Exchanges always kept verbatim, however long. */
const KEPT_EXCHANGES = 2;
/** Then more of the newest exchanges are kept while they fit this share of the window. */
const KEPT_SHARE = 0.3;

/**
 * Where to cut `messages` (alternating exchanges): the newest two exchanges stay, and earlier ones
 * too while the kept part fits 30% of the window; the rest is summarized. Undefined when there is
 * nothing older to summarize (or only an earlier summary).
 */
export function planCompaction(messages: readonly ChatMessage[], window: number): CompactionPlan | undefined {
  let cut = Math.max(0, messages.length - 2 * KEPT_EXCHANGES);
  while (cut >= 2 && estimateMessages(messages.slice(cut - 2)) <= window * KEPT_SHARE) cut -= 2;
  const older = messages.slice(0, cut);
  if (older.length === 0 || (older.length === 2 && isSummary(older[0]))) return undefined;
  return {older, kept: messages.slice(cut)};
}

/** The messages of the compaction request: the older turns, then the instruction. */
export function compactionMessages(plan: CompactionPlan, focus: string | undefined): ChatMessage[] {
  return [...plan.older, {role: 'user', content: compactionPrompt(focus)}];
}

/** What the compaction request answered: the summary (thoughts taken out), and what it used. */
export interface Summary {
  text: string;
  usage?: Usage;
  cost?: number;
}

/** Reads the summary out of a compaction request's events; an empty one is a failure. */
async function readSummary(events: AsyncIterable<InferenceEvent>): Promise<Summary> {
  let streamed = '';
  for await (const event of events) {
    if (event.type === 'text' && event.index === 0) streamed += event.text;
    if (event.type !== 'done') continue;
    const result = event.results[0];
    const text = stripThoughts(result?.text || streamed).trim();
    if (!text) throw new GemmaError('the summary came back empty', ExitCode.failure);
    return {text, ...(result?.usage ? {usage: result.usage} : {}), ...(result?.cost === undefined ? {} : {cost: result.cost})};
  }
  throw new GemmaError('the summary did not arrive', ExitCode.failure);
}

/**
 * `earlier 24 turns summarized: 31k → 1.2k tokens`: the transcript's marker of a compaction. An
 * earlier summary among them is named as such, not counted as a turn the user had:
 * `earlier 4 turns and the previous summary summarized: …`.
 */
export function compactionMarker(plan: CompactionPlan, summary: readonly ChatMessage[]): string {
  const resummarized = isSummary(plan.older[0]);
  const turns = plan.older.length / 2 - (resummarized ? 1 : 0);
  const what = [...(turns > 0 ? [`earlier ${turns} ${turns === 1 ? 'turn' : 'turns'}`] : []), ...(resummarized ? ['the previous summary'] : [])].join(' and ');
  return `${what} summarized: ${formatTokens(estimateMessages(plan.older))} → ${formatTokens(estimateMessages(summary))} tokens`;
}

/** A summary to put in place of `plan.older`, or why there is none (the conversation stays as it was). */
export type CompactionOutcome =
  | {ok: true; messages: ChatMessage[]; event: {type: 'compact'; summary: string; replaced: number; usage?: Usage; cost?: number}}
  | {ok: false; cancelled: boolean; why: string};

/**
 * Runs the compaction request for `plan` through `send` (one request, its task built by
 * `build`), and says what to send in place of the older turns. The key (`secret`) is taken out of
 * the summary before it is kept anywhere, so the chat and its session file hold the same text.
 */
export async function summarize(
  plan: CompactionPlan,
  focus: string | undefined,
  io: {build(messages: ChatMessage[]): Promise<TextInferenceTask>; send(task: TextInferenceTask): AsyncIterable<InferenceEvent>; signal: AbortSignal; secret?: string},
): Promise<CompactionOutcome> {
  try {
    const summary = await readSummary(io.send(await io.build(compactionMessages(plan, focus))));
    const text = redactKey(summary.text, io.secret);
    const paid = {...(summary.usage ? {usage: summary.usage} : {}), ...(summary.cost === undefined ? {} : {cost: summary.cost})};
    return {ok: true, messages: summaryMessages(text), event: {type: 'compact', summary: text, replaced: plan.older.length, ...paid}};
  } catch (error) {
    if (io.signal.aborted || error instanceof InterruptedError) return {ok: false, cancelled: true, why: 'compaction cancelled'};
    const reason = error instanceof GemmaError ? error.message + (error.hint ? ` (${error.hint})` : '') : String(error);
    return {ok: false, cancelled: false, why: `compaction failed: ${redact(reason, io.secret)}`};
  }
}
