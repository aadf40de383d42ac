import {redact} from '../api/redact.js';
import type {InferenceResult} from '../api/types.js';
import type {ResolvedSettings} from '../config/resolve-settings.js';
import {shapeOf} from '../context/estimate-request.js';
import {ExitCode, GemmaError} from '../errors.js';
import {buildTask} from '../request/build-task.js';
import {answerContext, answerEvent, turnEndOf, type TurnEnd} from '../sessions/answer-event.js';
import {answerEntry} from './answer-entry.js';
import type {ChatSessionOptions} from './chat-session-options.js';
import {addTurn} from './chat-totals.js';
import type {LiveAnswer, NoticeEntry} from './chat-types.js';
import type {CompactionOutcome} from './compact-conversation.js';
import {COMPACT_AT, contextWindowOf, type ContextMeter} from './context-meter.js';
import type {Conversation} from './conversation.js';
import {followAnswer} from './follow-answer.js';
import type {SessionRecording} from './session-recording.js';
import type {SnapshotStore} from './snapshot-store.js';
import {TurnTiming} from './turn-timing.js';

/** What one turn reads and changes of the chat. */
interface TurnHost {
  /** The settings in force for this turn (its attached media included). */
  settings: ResolvedSettings;
  conversation: Conversation;
  meter: ContextMeter;
  store: SnapshotStore;
  connect: ChatSessionOptions['connect'];
  infer: ChatSessionOptions['infer'];
  now: () => number;
  emit: (kind: 'reasoning' | 'text', text: string) => Promise<void>;
  /** The request in flight (Ctrl-C cancels it), then undefined. */
  running(controller: AbortController | undefined): void;
  record: SessionRecording['record'];
  /** The question got an answer that is context: /retry no longer asks it again. */
  answered(): void;
  /** Summarizes the older turns first (the turn would pass the window's threshold). */
  compact(): Promise<CompactionOutcome>;
}

/**
 * Answers `question` after the conversation so far, as one turn: the request, its live answer,
 * then the entries, the session event and the conversation; only an answer with text makes
 * both context.
 */
export async function runTurn(host: TurnHost, question: string): Promise<void> {
const {settings, conversation, meter, store} = host;
  const window = contextWindowOf(settings);
  let task = await buildTask(settings, conversation.ask(question));
  // The turn would pass 80% of the window: the older turns are summarized first. Ctrl-C then
  // cancels the turn, as it would its answer; a failure leaves the turn to go as it is.
  const compacted = settings.boolean('autoCompact') && meter.estimate(shapeOf(task)) > COMPACT_AT * window ? await host.compact() : 'nothing';
  if (compacted === 'cancelled') return store.append([{kind: 'notice', level: 'info', text: 'cancelled before any answer', turnFailed: true}]);
  if (compacted === 'done') task = {...task, messages: conversation.ask(question)};
  const controller = new AbortController();
  host.running(controller);
  const timing = new TurnTiming(host.now);
  let live: LiveAnswer = {phase: 'connecting', startedAt: timing.startedAt, text: '', reasoning: ''};
  store.update({live});
  const conn = {...host.connect(settings, controller.signal), collectText: false};
  const finish = (results: InferenceResult[], end: TurnEnd, error?: GemmaError): void => {
    const times = timing.end();
    const interrupted = end.how === 'interrupted';
    // The stream's text is gathered once, in `live`; `infer` is told not to keep a second copy.
    const whole = results.map((result) => (result.index === 0 && result.text === '' ? {...result, text: live.text, reasoning: result.reasoning || live.reasoning} : result));
    const event = answerEvent(whole[0] ?? {taskUUID: task.taskUUID, text: live.text, reasoning: live.reasoning, finishReason: null}, task, end, conn.apiKey);
    host.record(event);
    const context = answerContext(event);
    if (context.sent) {
      conversation.addExchange(question, context.content);
      host.answered();
    }
    const reported = whole[0]?.usage?.promptTokens;
    if (reported !== undefined) meter.reported(shapeOf(task), reported);
    const fill = {tokens: meter.estimate({...shapeOf(task), messages: conversation.messages()}), window};
    const entries = whole.map((result) => ({...answerEntry(result, whole.length, interrupted, times), ...(error ? {failed: true} : {}), context: fill}));
    store.update({live: null, totals: addTurn(store.get().totals, entries, context.sent)});
    const shown = entries.filter((entry) => entry.text !== '' || entry.reasoning !== '' || !interrupted);
    const notes: Omit<NoticeEntry, 'id'>[] = [];
    // The message may quote outside text (a malformed event's preview): the key never shows.
    if (error) notes.push({kind: 'notice', level: 'error', text: redact(error.message + (error.hint ? ` (${error.hint})` : ''), conn.apiKey), turnFailed: true});
    else if (!context.sent) notes.push({kind: 'notice', level: 'info', text: context.reason, turnFailed: true});
    store.append([...shown, ...notes]);
  };
  const state = {live};
  try {
    const results = await followAnswer(host.infer(task, conn), state, {
      timing,
      now: host.now,
      streamsText: (task.numberResults ?? 1) === 1,
      emit: host.emit,
      show: (shown) => {
        live = shown;
        store.update({live});
      },
    });
    live = state.live;
    if (results) finish(results, {how: 'done'});
  } catch (error) {
    live = state.live;
    const partial: InferenceResult = {taskUUID: task.taskUUID, index: 0, text: live.text, reasoning: live.reasoning, finishReason: null};
    const end = turnEndOf(error, controller.signal);
    if (end.how === 'interrupted') finish([partial], end);
    else finish(live.text || live.reasoning ? [partial] : [], end, error instanceof GemmaError ? error : new GemmaError(String(error), ExitCode.failure));
  } finally {
    host.running(undefined);
  }
}
