import {redact} from '../api/redact.js';
import type {ConnectionOptions, InferenceEvent, InferenceResult, TextInferenceTask} from '../api/types.js';
import {resolveSettings, type ResolvedSettings, type SettingLayers} from '../config/resolve-settings.js';
import {GemmaError, InterruptedError, UsageError} from '../errors.js';
import {buildTask} from '../request/build-task.js';
import type {SettingValue} from '../settings/setting-types.js';
import type {ChatController} from './chat-controller.js';
import type {AssistantEntry, ChatSnapshot, LiveAnswer, NoticeEntry, TranscriptEntry, UserEntry} from './chat-types.js';
import {Conversation} from './conversation.js';
import {answerContext, answerEvent, turnEndOf, type TurnEnd} from '../sessions/answer-event.js';
import {answerEntry} from './answer-entry.js';
import type {SessionWriter} from '../sessions/session-writer.js';
import {sessionHeader} from './session-header.js';

/** Hears each piece of a streaming answer; a promise back means "wait until my output drains". */
export type DeltaListener = (kind: 'text' | 'reasoning', text: string) => void | Promise<void>;

export type InferFn = (task: TextInferenceTask, conn: ConnectionOptions) => AsyncIterable<InferenceEvent>;

export interface ChatSessionOptions {
  /** Environment and config-file layers, and the command's own defaults. */
  layers: Omit<SettingLayers, 'session' | 'flags'>;
  flags: ReadonlyMap<string, SettingValue>;
  infer: InferFn;
  /** Connection options for the settings in force, with the signal of this turn. */
  connect(settings: ResolvedSettings, signal: AbortSignal): ConnectionOptions;
  /** Runs a `/command` line (the command table lives apart from the session). */
  runCommand?: (session: ChatSession, line: string) => Promise<void>;
  completions?: () => readonly string[];
  /** Where sessions are stored (for /sessions and /resume), and whether this chat is saved. */
  storage?: {dataDir: string; save: boolean};
  now?: () => number;
}

/**
 * The chat's state and its one piece of behaviour: running a turn through `infer` and turning
 * the events into transcript entries. No UI: the ink app and the plain line mode both read it.
 */
export class ChatSession implements ChatController {
  readonly conversation = new Conversation();
  readonly session = new Map<string, SettingValue>();
  readonly flags: Map<string, SettingValue>;
  private snapshot: ChatSnapshot;
  private listeners = new Set<() => void>();
  private deltaListeners = new Set<DeltaListener>();
  private nextId = 1;
  private turn: AbortController | undefined;
  private pending: Promise<void> = Promise.resolve();
  /** The question of the last turn when it got no answer that is context; /retry asks it again. */
  private failedQuestion: string | undefined;
  private readonly now: () => number;
  /** Where every event of the conversation is appended (undefined with --no-save). */
  recorder: Pick<SessionWriter, 'append' | 'close' | 'opened' | 'id'> | undefined;

  constructor(private readonly options: ChatSessionOptions) {
    this.flags = new Map(options.flags);
    this.now = options.now ?? Date.now;
    const settings = this.settings();
    this.snapshot = {
      header: sessionHeader(settings),
      entries: [],
      live: null,
      showThinking: settings.get('showThinking')?.value === true,
      totals: {turns: 0, promptTokens: 0, completionTokens: 0, cost: 0},
      exitRequested: false,
    };
  }

  get storage(): {dataDir: string; save: boolean} | undefined {
    return this.options.storage;
  }

  settings(): ResolvedSettings {
    return resolveSettings({...this.options.layers, flags: this.flags, session: this.session});
  }

  getSnapshot = (): ChatSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Each piece of the answer as it arrives (for a stream, what one network read brought: one
   * write per read, not per token). The plain line mode prints these: slicing the growing
   * live text instead would flatten it on every token and cost quadratic time on long answers.
   * A listener may return a promise (its output is full): the stream waits for it, so a slow
   * reader of stdout holds the answer back instead of gemma queueing it in memory.
   */
  onDelta(listener: DeltaListener): () => void {
    this.deltaListeners.add(listener);
    return () => this.deltaListeners.delete(listener);
  }

  completions = (): readonly string[] => this.options.completions?.() ?? [];

  private async emitDelta(kind: 'text' | 'reasoning', text: string): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const listener of this.deltaListeners) {
      const wait = listener(kind, text);
      if (wait) waits.push(wait);
    }
    if (waits.length > 0) await Promise.all(waits);
  }

  update(change: Partial<ChatSnapshot>): void {
    this.snapshot = {...this.snapshot, ...change};
    for (const listener of this.listeners) listener();
  }

  /** Appends finished entries; the array is replaced, so entries keep identity per append only. */
  append(...entries: Array<Omit<NoticeEntry, 'id'> | Omit<AssistantEntry, 'id'> | Omit<UserEntry, 'id'>>): void {
    const added = entries.map((entry) => ({...entry, id: this.nextId++}) as TranscriptEntry);
    this.update({entries: [...this.snapshot.entries, ...added]});
  }

  notice(text: string, level: NoticeEntry['level'] = 'info'): void {
    this.append({kind: 'notice', level, text});
  }

  refreshHeader(): void {
    const settings = this.settings();
    this.update({header: sessionHeader(settings)});
  }

  /** Messages are sent one after another; a command waits for the turn before it. */
  submit = (input: string): void => {
    this.pending = this.pending.then(() => this.handle(input));
  };

  /** Resolves when everything submitted so far is done (the plain mode and tests wait on it). */
  idle(): Promise<void> {
    return this.pending;
  }

  cancel = (): boolean => {
    if (!this.turn) return false;
    this.turn.abort(new InterruptedError());
    return true;
  };

  private async handle(input: string): Promise<void> {
    try {
      if (input.trimStart().startsWith('/') && this.options.runCommand) await this.options.runCommand(this, input.trim());
      else await this.send(input);
    } catch (error) {
      this.notice(error instanceof GemmaError ? error.message : `unexpected error: ${String(error)}`, 'error');
    }
  }

  /** Stops recording into the current session file and releases its lock. */
  closeRecorder(): void {
    this.recorder?.close();
    this.recorder = undefined;
  }

  /**
   * Appends one event to the session file. A failing disk is reported once, as a warning (the
   * chat goes on, and its answers keep their own outcome), not again for each event after it,
   * until an append succeeds again or another session is recorded.
   */
  record(event: Parameters<SessionWriter['append']>[0]): void {
    const recorder = this.recorder;
    try {
      recorder?.append(event);
      this.failingRecorder = undefined;
    } catch (error) {
      if (this.failingRecorder !== recorder) {
        // Not from append itself (creating the file or its lock on a full disk): said the same way.
        const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
        this.notice(error instanceof GemmaError ? error.message : `could not save to session ${recorder?.id}: ${reason}`, 'warning');
      }
      this.failingRecorder = recorder;
    }
  }

  /** The recorder whose last append failed (already reported). */
  private failingRecorder: ChatSession['recorder'];

  /** A user turn and its answer. */
  async send(text: string): Promise<void> {
    this.append({kind: 'user', text});
    this.record({type: 'user', text});
    await this.answer(text);
  }

  /**
   * /retry: asks the question of a turn that failed again (as a new turn, so the session file
   * reads as it happened), or else regenerates the last answer.
   */
  async retry(): Promise<void> {
    const failed = this.failedQuestion;
    if (failed !== undefined) {
      this.notice('asking the failed question again');
      return this.send(failed);
    }
    const question = this.conversation.dropLastExchange();
    if (question === undefined) throw new UsageError('/retry: there is no question to answer again');
    this.record({type: 'retry'});
    this.notice('retrying the last question');
    await this.answer(question);
  }

  /** Starts from a stored conversation, and the question its last turn failed to answer, if any. */
  restore(messages: Parameters<Conversation['restore']>[0], failedQuestion?: string): void {
    this.conversation.restore(messages);
    this.failedQuestion = failedQuestion;
  }

  /** After /clear or /undo, /retry no longer asks a failed question again. */
  forgetFailedQuestion(): void {
    this.failedQuestion = undefined;
  }

  /** Answers `question` after the conversation so far; only an answer with text makes both context. */
  private async answer(question: string): Promise<void> {
    // Until the answer comes (whatever stops it, a throw included), this is the question /retry asks.
    this.failedQuestion = question;
    const settings = this.settings();
    const task = await buildTask(settings, this.conversation.ask(question));
    const controller = new AbortController();
    this.turn = controller;
    const startedAt = this.now();
    let live: LiveAnswer = {phase: 'connecting', startedAt, text: '', reasoning: ''};
    const timing = {firstReasoning: undefined as number | undefined, firstText: undefined as number | undefined};
    this.update({live});
    const conn = {...this.options.connect(settings, controller.signal), collectText: false};
    const finish = (results: InferenceResult[], end: TurnEnd, error?: GemmaError): void => {
      const totalMs = this.now() - startedAt;
      const interrupted = end.how === 'interrupted';
      // The stream's text is gathered once, in `live`; `infer` is told not to keep a second copy.
      const whole = results.map((result) => (result.index === 0 && result.text === '' ? {...result, text: live.text, reasoning: result.reasoning || live.reasoning} : result));
      const entries = whole.map((result) => ({
        ...answerEntry(result, whole.length, interrupted, {timing, startedAt, totalMs}),
        ...(error ? {failed: true} : {}),
      }));
      const event = answerEvent(whole[0] ?? {taskUUID: task.taskUUID, text: live.text, reasoning: live.reasoning, finishReason: null}, task, end, conn.apiKey);
      this.record(event);
      const context = answerContext(event);
      if (context.sent) {
        this.conversation.addExchange(question, context.content);
        this.failedQuestion = undefined;
      }
      const totals = {...this.snapshot.totals, turns: this.snapshot.totals.turns + (context.sent ? 1 : 0)};
      for (const entry of entries) {
        totals.promptTokens += entry.usage?.promptTokens ?? 0;
        totals.completionTokens += entry.usage?.completionTokens ?? 0;
        totals.cost += entry.cost ?? 0;
      }
      this.update({live: null, totals});
      const shown = entries.filter((entry) => entry.text !== '' || entry.reasoning !== '' || !interrupted);
      const notes: Omit<NoticeEntry, 'id'>[] = [];
      // The message may quote outside text (a malformed event's preview): the key never shows.
      if (error) notes.push({kind: 'notice', level: 'error', text: redact(error.message + (error.hint ? ` (${error.hint})` : ''), conn.apiKey), turnFailed: true});
      else if (!context.sent) notes.push({kind: 'notice', level: 'info', text: context.reason, turnFailed: true});
      this.append(...shown, ...notes);
    };
    try {
      for await (const event of this.options.infer(task, conn)) {
        switch (event.type) {
          case 'reasoning':
            timing.firstReasoning ??= this.now();
            live = {...live, phase: 'thinking', reasoning: live.reasoning + event.text};
            await this.emitDelta('reasoning', event.text);
            break;
          case 'text':
            if (event.index !== 0) break;
            timing.firstText ??= this.now();
            live = {...live, phase: 'answering', text: live.text + event.text};
            // Several results arrive whole, each printed under its own header once the turn ends.
            if ((task.numberResults ?? 1) === 1) await this.emitDelta('text', event.text);
            break;
          case 'retry':
            live = {...live, phase: 'retrying', retryAt: this.now() + event.delayMs, retryReason: event.reason, retryAttempt: event.attempt};
            break;
          case 'pending':
            live = {...live, phase: 'waiting'};
            break;
          case 'done':
            finish(event.results, {how: 'done'});
            return;
        }
        this.update({live});
      }
    } catch (error) {
      const partial: InferenceResult = {taskUUID: task.taskUUID, index: 0, text: live.text, reasoning: live.reasoning, finishReason: null};
      const end = turnEndOf(error, controller.signal);
      if (end.how === 'interrupted') finish([partial], end);
      else finish(live.text || live.reasoning ? [partial] : [], end, error instanceof GemmaError ? error : new GemmaError(String(error), 1));
    } finally {
      this.turn = undefined;
    }
  }
}
